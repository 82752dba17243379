package io.keyroute.guardrails.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaskTableTest {

    @Test
    void theSameValueGetsTheSamePlaceholderAndEachTypeCountsFromOne() {
        MaskTable table = new MaskTable();

        assertThat(table.placeholderFor("email", "jane@example.com")).isEqualTo("<EMAIL_1>");
        assertThat(table.placeholderFor("credit_card", "4111111111111111")).isEqualTo("<CREDIT_CARD_1>");
        assertThat(table.placeholderFor("email", "joe@example.com")).isEqualTo("<EMAIL_2>");
        assertThat(table.placeholderFor("email", "jane@example.com")).isEqualTo("<EMAIL_1>");
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void restoringPutsBackWhatThisTableMaskedAndLeavesOtherPlaceholdersAlone() {
        MaskTable table = new MaskTable();
        table.placeholderFor("email", "jane@example.com");
        table.placeholderFor("ip_address", "10.0.0.1");

        assertThat(table.restore("Wrote <EMAIL_1> from <IP_ADDRESS_1>; <EMAIL_2>, <EMAIL_1 >, <<EMAIL_1>>, <EMAIL_1"))
                .isEqualTo("Wrote jane@example.com from 10.0.0.1; <EMAIL_2>, <EMAIL_1 >, <jane@example.com>, <EMAIL_1");
    }

    @Test
    void itNeverShowsAValue() {
        MaskTable table = new MaskTable();
        table.placeholderFor("email", "jane@example.com");

        assertThat(table).hasToString("MaskTable[1 values]");
        assertThat(table.toString()).doesNotContain("jane");
    }

    @Test
    void anEntityTypeTooLongForAPlaceholderIsRefusedWithoutTakingANumber() {
        MaskTable table = new MaskTable();

        assertThatThrownBy(() -> table.placeholderFor("x".repeat(41), "value")).isInstanceOf(IllegalArgumentException.class);
        assertThat(table.placeholderFor("custom-id", "value")).isEqualTo("<CUSTOM_ID_1>");
    }
}
