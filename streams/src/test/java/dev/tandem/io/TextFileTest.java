package dev.tandem.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileTest {

  @Test
  void readsUtf8TextWithoutItsByteOrderMark(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.yaml");
    Files.write(file, ("\uFEFFprovider: café\n").getBytes(StandardCharsets.UTF_8));

    assertThat(TextFile.read(file)).isEqualTo("provider: café\n");
  }

  @Test
  void namesTheFileLineAndOffsetOfTheFirstByteThatIsNotUtf8() {
    byte[] bytes = "{\"a\":1}\n{\"b\":\"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> TextFile.decode(bytes, "x.jsonl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x.jsonl: not UTF-8 text (invalid byte 0xe9 at line 2, offset 14)");
  }

  @Test
  void callsValidUtf8WithANulByteBinary() {
    byte[] bytes = {'a', '\n', 'b', 0, 'c'};

    assertThatThrownBy(() -> TextFile.decode(bytes, "x.bin"))
        .hasMessage("x.bin: binary data, not text (NUL byte at line 2, offset 3)");
  }

  @Test
  void aMissingFileOrADirectoryIsOneLine(@TempDir Path dir) {
    assertThatThrownBy(() -> TextFile.read(dir.resolve("nope.yaml")))
        .hasMessage("no such file: " + dir.resolve("nope.yaml"));
    assertThatThrownBy(() -> TextFile.read(dir)).hasMessage(dir + ": is a directory, not a file");
  }

  @Test
  void readsPropertiesAndNamesAFileThatIsNotProperties(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.properties");
    Files.writeString(good, "bootstrap.servers = kafka:9092\n# comment\n");
    Path bad = dir.resolve("bad.properties");
    Files.writeString(bad, "a=\\u12\n");

    assertThat(TextFile.properties(good).getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
    assertThatThrownBy(() -> TextFile.properties(bad))
        .hasMessage(bad + ": not a properties file (Malformed \\uxxxx encoding.)");
  }
}
