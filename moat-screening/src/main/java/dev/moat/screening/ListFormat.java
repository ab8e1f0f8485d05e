package dev.moat.screening;

/** The list formats this module reads. */
public enum ListFormat {
    /** OFAC SDN legacy CSV: {@code sdn.csv} joined with {@code alt.csv} and {@code add.csv} on {@code ent_num}. */
    OFAC_SDN_CSV,
    /** US Consolidated Screening List CSV, today's 29-column layout or the older 28-column one. */
    CSL_CSV,
    /** BIS Denied Persons List, tab-separated with a header row. */
    DPL_TSV,
    /** UN Security Council consolidated list XML. */
    UN_XML
}
