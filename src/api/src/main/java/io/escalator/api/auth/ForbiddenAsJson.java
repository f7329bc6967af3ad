package io.escalator.api.auth;

import io.quarkus.security.ForbiddenException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A caller the path policy refuses (an admin-only path: analytics, jobs) gets the API's JSON error instead of an
 * empty 403. Such paths name no run, so the refusal reveals nothing about anyone's runs.
 */
@ApplicationScoped
public class ForbiddenAsJson {

    static final String BODY = "{\"error\":\"forbidden: only an admin may use this\"}";

    void register(@Observes Router router) {
        router.route().failureHandler(context -> {
            if (context.failure() instanceof ForbiddenException && !context.response().ended()) {
                context.response().setStatusCode(403)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(BODY);
            } else {
                context.next();
            }
        });
    }
}
