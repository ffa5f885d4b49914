package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every phone case of DOMAIN.md, plus the strict pre-check and masking. */
class PhoneTest {

    @Test
    void ukMobileIsValidMobile() {
        Phone p = Phone.of("+447123456789");
        assertThat(p.e164()).isEqualTo("+447123456789");
        assertThat(p.type()).isEqualTo(PhoneType.MOBILE);
        assertThat(p.region()).isEqualTo("GB");
        assertThat(p.type().isMobileCapable()).isTrue();
    }

    @Test
    void ukLandlineIsValidFixedLineAndNotMobileCapable() {
        Phone p = Phone.of("+441234567890");
        assertThat(p.type()).isEqualTo(PhoneType.FIXED_LINE);
        assertThat(p.type().isMobileCapable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+15559876543", "+15551234567", "+447700900123"})
    void numbersInUnallocatedRangesAreInvalid(String number) {
        assertThatThrownBy(() -> Phone.of(number))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PHONE);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("not a valid number");
                });
    }

    @Test
    void danishDigitsWithoutPlusAreReadWithTheCountryCode() {
        // Relatel style: country code and digits, no plus sign.
        assertThat(Phone.of("4571999999").e164()).isEqualTo("+4571999999");
        assertThat(Phone.of("+4571999999").e164()).isEqualTo("+4571999999");
    }

    @Test
    void danishLocalDigitsWithRegionAreValid() {
        assertThat(Phone.of("71999999", "DK").e164()).isEqualTo("+4571999999");
        assertThat(Phone.of("+4571999999", "DK").e164()).isEqualTo("+4571999999");
    }

    @Test
    void danishNumberWithItsCountryCodeAndRegionIsReadOnce() {
        // libphonenumber strips a leading country code that matches the region.
        assertThat(Phone.of("4571999999", "DK").e164()).isEqualTo("+4571999999");
    }

    @Test
    void tooShortDigitsAreInvalid() {
        assertThatThrownBy(() -> Phone.of("4571", "DK")).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void localUsNumberWithRegionBecomesE164() {
        assertThat(Phone.of("4252337837", "US").e164()).isEqualTo("+14252337837");
        assertThat(Phone.of("4252337837", "us").e164()).isEqualTo("+14252337837");
    }

    @Test
    void newJerseyNumberIsValidAndFixedLineOrMobile() {
        Phone p = Phone.of("+12015550123");
        assertThat(p.e164()).isEqualTo("+12015550123");
        assertThat(p.type()).isEqualTo(PhoneType.FIXED_LINE_OR_MOBILE);
    }

    @Test
    void formattingCharactersAreAccepted() {
        assertThat(Phone.of("+44 (0)7123 456-789").e164()).isEqualTo("+447123456789");
        assertThat(Phone.of(" +44.7123.456.789 ").e164()).isEqualTo("+447123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44712345678A", "+447123456789 ext. 12", "+447123456789;ext=1", "++447123456789",
            "+４４７１２３４５６７８９", "+1-800-FLOWERS", "+447123456789#", "tel:+447123456789"})
    void strictPreCheckRefusesWhatLibphonenumberWouldBend(String number) {
        assertThatThrownBy(() -> Phone.of(number))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PHONE));
    }

    @Test
    void missingCountryCodeSaysSo() {
        assertThatThrownBy(() -> Phone.of("+9991234567"))
                .hasMessageContaining("Phone number must include a valid country code");
    }

    @Test
    void emptyAndNullAreRefusedWithTheFix() {
        assertThatThrownBy(() -> Phone.of("")).hasMessageContaining("E.164");
        assertThatThrownBy(() -> Phone.of(null)).hasMessageContaining("E.164");
        assertThatThrownBy(() -> Phone.of("()-")).hasMessageContaining("no digits");
    }

    @Test
    void unknownRegionIsRefused() {
        assertThatThrownBy(() -> Phone.of("4252337837", "XX")).hasMessageContaining("Unknown region 'XX'");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> Sms.to("+15551234567"))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                    assertThat(e.field()).isEqualTo("to");
                    assertThat(e.channel()).contains(Channel.SMS);
                });
    }

    @Test
    void toStringAndErrorsMaskTheMiddleDigits() {
        Phone p = Phone.of("+447123456789");
        assertThat(p.toString()).isEqualTo("+4471*****789").doesNotContain("123456");
        assertThatThrownBy(() -> Phone.of("+15551234567")).satisfies(e -> assertThat(e.getMessage()).doesNotContain("5551234567"));
    }

    @Test
    void equalNumbersWrittenDifferentlyAreEqual() {
        assertThat(Phone.of("447123456789")).isEqualTo(Phone.of("+44 7123 456789")).hasSameHashCodeAs(Phone.of("+447123456789"));
    }
}
