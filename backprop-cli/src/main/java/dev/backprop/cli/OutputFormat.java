package dev.backprop.cli;

/** What a command prints on stdout: text for people, or one JSON object for programs. */
enum OutputFormat {
    TEXT, JSON
}
