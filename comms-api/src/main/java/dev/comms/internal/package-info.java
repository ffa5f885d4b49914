/**
 * The pipeline and its parts; not exported, not API.
 *
 * <p>{@link dev.comms.internal.Pipeline} is the one place that knows the order of the stages.
 * Per-channel behaviour lives in the {@code *Ops} classes, provider selection in
 * {@link dev.comms.internal.ProviderRegistry}, health and circuit breaking in
 * {@link dev.comms.internal.ProviderStats}. The send path does no reflection, no ServiceLoader
 * lookup and no regex compilation: providers are resolved once when the facade is built, and
 * validated phone numbers are kept in a bounded cache (cleared when full rather than evicting, which
 * keeps it a plain ConcurrentHashMap with no extra dependency).
 */
package dev.comms.internal;
