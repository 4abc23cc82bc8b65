package dev.backprop.command;

/** What a command prints on stdout: text for people, one JSON object for programs, or (explain) a Markdown document. */
public enum OutputFormat {
    /** Text for people. */
    TEXT,
    /** One JSON object. */
    JSON,
    /** A Markdown document ({@code explain} only). */
    MARKDOWN
}
