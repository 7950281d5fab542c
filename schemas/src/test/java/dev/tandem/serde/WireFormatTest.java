package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The Confluent frame: magic byte 0, big-endian schema id, payload; anything else is refused
 * clearly.
 */
class WireFormatTest {

  @Test
  void framesValueWithMagicByteAndBigEndianSchemaId() {
    byte[] frame = WireFormat.frame(0x01020304, new byte[] {9, 8});

    assertThat(frame).containsExactly(0, 1, 2, 3, 4, 9, 8);
  }

  @Test
  void writesTheSameHeaderOntoAStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireFormat.writeHeader(0x0A0B0C0D, out);

    assertThat(out.toByteArray()).containsExactly(0, 0x0A, 0x0B, 0x0C, 0x0D);
  }

  @Test
  void parsesSchemaIdAndLeavesPayloadInPlace() {
    byte[] data = {0, 0, 0, 0x01, 0x2C, 0x02, 0x04, 'a', 'b'};

    WireFormat.Framed framed = WireFormat.parse(data);

    assertThat(framed.schemaId()).isEqualTo(300);
    assertThat(framed.payloadBytes()).containsExactly(0x02, 0x04, 'a', 'b');
    assertThat(framed.payload().array()).isSameAs(data);
    assertThat(framed.payload().arrayOffset()).isEqualTo(WireFormat.HEADER_SIZE);
  }

  @Test
  void keepsAllFourBytesOfTheIdIncludingTheSignBit() {
    assertThat(WireFormat.parse(WireFormat.frame(0xFFFFFFFE, new byte[0])).schemaId())
        .isEqualTo(0xFFFFFFFE);
  }

  @Test
  void rejectsAnyMagicByteButZero() {
    assertThatThrownBy(() -> WireFormat.parse(new byte[] {3, 0, 0, 0, 1, 2}))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown magic byte 3")
        .hasMessageContaining("not Confluent wire format");
  }

  @Test
  void rejectsDataShorterThanTheHeader() {
    assertThatThrownBy(() -> WireFormat.parse(new byte[] {0, 0, 1}))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes is too short");
  }

  @Test
  void rejectsNullData() {
    assertThatThrownBy(() -> WireFormat.parse(null))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("No data");
  }
}
