package dev.backprop.cli;

/** What a command prints on stdout: text for people, one JSON object for programs, or (explain) a Markdown document. */
enum OutputFormat {
    TEXT, JSON, MARKDOWN
}
