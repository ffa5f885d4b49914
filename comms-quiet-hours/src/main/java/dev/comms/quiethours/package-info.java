/**
 * Quiet hours as a send policy. Kept out of comms-api on purpose: libphonenumber's time zone map lives
 * in its {@code geocoder} artifact (1.7 MB, most of it place names), which only applications that
 * want quiet hours should carry; and that artifact shares a package with libphonenumber, so this module
 * runs on the class path (named {@code dev.comms.quiethours} by its manifest).
 */
package dev.comms.quiethours;
