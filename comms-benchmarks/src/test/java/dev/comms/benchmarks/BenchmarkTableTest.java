package dev.comms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table BENCHMARKS.md is rewritten with: what is parsed, what is kept, what is refused. */
class BenchmarkTableTest {
    @Test
    void benchLinesBecomeRowsAndALaterRunOfARowReplacesTheEarlierOne() {
        List<BenchmarkTable.Result> r = BenchmarkTable.parse(List.of(
                "noise before",
                "BENCH row=pg-ledger metric=pairs_over_bare min=0.19 median=0.20 max=0.22 unit=ratio goal=>=0.4 detail=64 threads | one account",
                "BENCH row=segments metric=agreement min=1.0 median=1.0 max=1.0 unit=ratio goal=1.0 detail=first",
                "BENCH row=segments metric=agreement min=0.9 median=0.9 max=0.9 unit=ratio goal=1.0 detail=second",
                "BENCH row=broken metric=x min=1"));
        assertThat(r).extracting(BenchmarkTable.Result::row).containsExactly("pg-ledger", "segments");
        assertThat(r.get(1).detail()).isEqualTo("second");
        String table = BenchmarkTable.table(r, "2 cores");
        assertThat(table).contains("| pg-ledger | pairs_over_bare | >=0.4 | 0.19 / 0.20 / 0.22 | ratio | 64 threads \\| one account |")
                .startsWith(BenchmarkTable.BEGIN).endsWith(BenchmarkTable.END).contains("on 2 cores.");
    }

    @Test
    void onlyTheMarkedSectionIsRewritten() {
        String doc = "# Benchmarks\n\nintro\n" + BenchmarkTable.BEGIN + "\nold table\n" + BenchmarkTable.END + "\n\n## How\nkept\n";
        String out = BenchmarkTable.rewrite(doc, BenchmarkTable.BEGIN + "\nnew\n" + BenchmarkTable.END);
        assertThat(out).isEqualTo("# Benchmarks\n\nintro\n" + BenchmarkTable.BEGIN + "\nnew\n" + BenchmarkTable.END + "\n\n## How\nkept\n");
        assertThatThrownBy(() -> BenchmarkTable.rewrite("no markers", "x")).hasMessageContaining("bench:begin");
    }
}
