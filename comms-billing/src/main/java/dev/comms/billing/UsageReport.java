package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage from the journal: charges totalled per account, channel and day (UTC), and a CSV export of
 * the charges for accounting.
 */
public final class UsageReport {
    /**
     * One row: what an account spent on a channel on a day.
     *
     * @param account the account
     * @param channel the channel
     * @param day the day (UTC)
     * @param sends how many charged sends
     * @param total what they cost
     */
    public record Row(String account, Channel channel, LocalDate day, long sends, Money total) {
    }

    private record Key(String account, Channel channel, LocalDate day) {
    }

    private UsageReport() {
    }

    /**
     * @param entries journal entries (any accounts, any kinds: only charges count)
     * @return the totals, ordered by account, day and channel
     */
    public static List<Row> totals(Collection<JournalEntry> entries) {
        Map<Key, long[]> sums = new TreeMap<>(Comparator.comparing(Key::account).thenComparing(Key::day).thenComparing(Key::channel));
        for (JournalEntry e : entries) {
            if (e.kind() != EntryKind.CHARGE) {
                continue;
            }
            long[] s = sums.computeIfAbsent(new Key(e.account(), e.channel(), e.at().atZone(ZoneOffset.UTC).toLocalDate()),
                    k -> new long[2]);
            s[0]++;
            s[1] = Math.addExact(s[1], e.amount().microPence());
        }
        return sums.entrySet().stream().map(en -> new Row(en.getKey().account(), en.getKey().channel(), en.getKey().day(),
                en.getValue()[0], Money.ofMicroPence(en.getValue()[1]))).toList();
    }

    /**
     * Writes charges (and unbilled sends) as CSV with a header:
     * {@code seq,at,account,mode,kind,channel,amount_pence,hold_id,key}. Amounts are decimal pence.
     *
     * @param entries journal entries
     * @param out where to write
     */
    public static void writeCsv(Collection<JournalEntry> entries, Appendable out) {
        try {
            out.append("seq,at,account,mode,kind,channel,amount_pence,hold_id,key\n");
            for (JournalEntry e : entries) {
                if (e.kind() != EntryKind.CHARGE && e.kind() != EntryKind.UNBILLED) {
                    continue;
                }
                out.append(Long.toString(e.seq())).append(',').append(e.at().toString()).append(',').append(csv(e.account()))
                        .append(',').append(e.mode().name()).append(',').append(e.kind().name()).append(',')
                        .append(e.channel() == null ? "" : e.channel().name()).append(',')
                        .append(e.amount().toPence().toPlainString()).append(',').append(Long.toString(e.holdId())).append(',')
                        .append(csv(e.key())).append('\n');
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Quotes a field when it holds a comma, quote or line break, and defuses spreadsheet formulas. */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
