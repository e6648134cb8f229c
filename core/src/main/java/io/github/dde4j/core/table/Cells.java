package io.github.dde4j.core.table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

/**
 * Reading cells as numbers and writing numbers back as cells, per column type. Ordered columns
 * become doubles: numbers as they are, dates as days since 1970-01-01 (datetimes with the time
 * of day as a fraction of a day, read as UTC).
 */
final class Cells {

    /** Date patterns tried by detection, in this order (month-first before day-first). */
    static final List<String> DATE_FORMATS = List.of("uuuu-MM-dd", "uuuu/MM/dd", "MM/dd/uuuu", "dd/MM/uuuu",
            "M/d/uuuu", "d/M/uuuu", "dd.MM.uuuu", "d.M.uuuu", "dd-MM-uuuu", "d MMM uuuu", "MMM d, uuuu", "MMMM d, uuuu");
    /** Datetime patterns tried by detection, in this order. */
    static final List<String> DATETIME_FORMATS = List.of("uuuu-MM-dd'T'HH:mm:ss", "uuuu-MM-dd'T'HH:mm:ss.SSS",
            "uuuu-MM-dd'T'HH:mm", "uuuu-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm:ss.SSS", "uuuu-MM-dd HH:mm",
            "uuuu-MM-dd'T'HH:mm:ss'Z'", "MM/dd/uuuu HH:mm:ss", "MM/dd/uuuu HH:mm", "dd/MM/uuuu HH:mm:ss", "dd/MM/uuuu HH:mm");
    private static final double SECONDS_PER_DAY = 86_400.0;

    private Cells() {
    }

    /** A plain decimal number, or NaN: no NaN/infinity words, hexadecimal or type suffixes. */
    static double number(String cell) {
        String s = cell.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        char last = s.charAt(s.length() - 1);
        if (!((last >= '0' && last <= '9') || last == '.') || s.indexOf('x') >= 0 || s.indexOf('X') >= 0) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Digits after the decimal point of a number cell; -1 if it has an exponent. */
    static int decimals(String cell) {
        String s = cell.trim();
        if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return -1;
        }
        int dot = s.indexOf('.');
        return dot < 0 ? 0 : s.length() - dot - 1;
    }

    static DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("date format '" + pattern + "' is not a valid pattern: " + e.getMessage());
        }
    }

    /** Days since 1970-01-01 of a date or datetime cell, or NaN if it does not parse. */
    static double days(String cell, DateTimeFormatter f, boolean withTime) {
        try {
            if (withTime) {
                LocalDateTime t = LocalDateTime.parse(cell.trim(), f);
                return (t.toEpochSecond(ZoneOffset.UTC) + t.getNano() * 1e-9) / SECONDS_PER_DAY;
            }
            return LocalDate.parse(cell.trim(), f).toEpochDay();
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    /** The number of a cell of an ordered column, or NaN if it does not parse as one. */
    static double value(ColumnSchema c, String cell) {
        return switch (c.type()) {
            case NUMERICAL, INTEGER -> number(cell);
            case DATE, DATETIME -> days(cell, formatter(c.format()), c.type() == ColumnType.DATETIME);
            default -> throw new IllegalStateException("column '" + c.name() + "' is not ordered");
        };
    }

    /**
     * The step between representable values of an ordered column in its numeric units: 10^-decimals,
     * one day, or a datetime pattern's finest field (second, minute or millisecond); 0 if unknown.
     */
    static double step(ColumnSchema c) {
        return switch (c.type()) {
            case INTEGER -> 1.0;
            case NUMERICAL -> c.decimals() == null ? 0.0 : Math.pow(10, -c.decimals());
            case DATE -> 1.0;
            case DATETIME -> c.format().contains("S") ? 0.001 / SECONDS_PER_DAY
                    : c.format().contains("s") ? 1 / SECONDS_PER_DAY : 60 / SECONDS_PER_DAY;
            default -> 0.0;
        };
    }

    /** Writes a value of an ordered column as a cell, rounded to its step. */
    static String format(ColumnSchema c, double v) {
        switch (c.type()) {
            case INTEGER:
                return Long.toString(Math.round(v));
            case NUMERICAL:
                return c.decimals() == null ? Double.toString(v)
                        : new BigDecimal(v).setScale(c.decimals(), RoundingMode.HALF_EVEN).toPlainString();
            case DATE:
                return LocalDate.ofEpochDay(Math.round(v)).format(formatter(c.format()));
            case DATETIME:
                double step = step(c) * SECONDS_PER_DAY;
                double seconds = Math.round(v * SECONDS_PER_DAY / step) * step;
                long whole = (long) Math.floor(seconds);
                int nanos = (int) Math.min(999_999_999, Math.round((seconds - whole) * 1e9));
                return LocalDateTime.ofEpochSecond(whole, nanos, ZoneOffset.UTC).format(formatter(c.format()));
            default:
                throw new IllegalStateException("column '" + c.name() + "' is not ordered");
        }
    }
}
