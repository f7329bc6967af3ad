package io.escalator.cli;

/** A command that talks to the API. */
abstract class ApiCommand extends EscalatorCommand {

    final ApiClient api() {
        return escalator().api();
    }
}
