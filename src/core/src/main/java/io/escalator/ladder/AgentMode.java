package io.escalator.ladder;

import java.util.List;

public enum AgentMode {
    SIMPLE(List.of(AgentRole.GENERATOR)),
    FULL(List.of(AgentRole.FAILURE_ANALYZER, AgentRole.GENERATOR, AgentRole.REVIEWER));

    private final List<AgentRole> roles;

    AgentMode(List<AgentRole> roles) {
        this.roles = roles;
    }

    /** The agents this mode runs, in the order they run. */
    public List<AgentRole> roles() {
        return roles;
    }
}
