// Generated from Herald's OpenAPI document (GET /openapi.json) by openapi-typescript:
// do not edit. Regenerate with `npm run portal:api-types`; a spec fails when it is stale.
export interface paths {
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's own API keys (a manage key; never the values) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyList"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Issue an API key of the own tenant (a manage key; the key is shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ApiKeyCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyIssued"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (the admin token, or a manage key of its tenant); other API instances refuse it within HERALD_API_KEY_CACHE_MS */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename an API key of the own tenant (a manage key) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ApiKeyPatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dead-lettered deliveries */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    includeRedriven?: string;
                    limit?: string;
                    subscriptionId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeadLetterPage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dead-letters/redrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send dead letters again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Redrive"];
                };
            };
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Redriven"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    eventId?: string;
                    eventType?: string;
                    limit?: string;
                    since?: string;
                    status?: string;
                    subscriptionId?: string;
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeliveryPage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A delivery with every attempt */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeliveryDetail"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Retried"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's event catalogue settings (strict or not) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventCatalogue"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Make the catalogue strict (events of unregistered types are refused: 422 on HTTP, herald.events.invalid from Kafka) or open */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventCatalogueSettings"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventCatalogue"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List event types */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventTypePage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Declare an event type */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventTypeCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventType"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Already exists, or the tenant quota (`quota`) is used up */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an event type */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventType"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an event type */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an event type */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventTypePatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventType"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a CloudEvent (HTTP ingest; honours Idempotency-Key) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CloudEvent"];
                };
            };
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Accepted"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Over the tenant's event rate; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a stored event */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HeraldEvent"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a CloudEvents batch (a JSON array, at most HERALD_API_MAX_BATCH_EVENTS): 200 with one result (202, 400 or 422 with its problem) per event */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CloudEventBatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BatchAccepted"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invalid-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's rejected Kafka events, newest first: claimed id, type and source, the reason and the position (never the payload) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                    reason?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvalidEventPage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payload-formats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payload formats */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadFormatPage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Define a named payload format (a JSONata template) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PayloadFormatCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadFormat"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payload-formats/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a payload format (with how many subscriptions use it) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadFormat"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an unused payload format (409 while subscriptions use it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a payload format: every subscription using it renders with the change */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PayloadFormatPatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadFormat"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/payload-formats/{name}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render a payload format against a sample event */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PayloadFormatPreview"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadPreview"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payload-formats/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render an unsaved template against a sample event */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PayloadFormatPreview"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadPreview"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a tenant portal session (the link with its token is shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PortalSessionCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalSession"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal-sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a portal session (the portal page may end its own) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal-sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portal session of this token: tenant, read-only, limits, expiry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalSessionInfo"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public-event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List public event types */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventTypePage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Declare a public (broadcast) event type (the operator only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventTypeCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventType"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public-event-types/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a public event type */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventType"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a public event type */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a public event type */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventTypePatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventType"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/replays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Replay jobs, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                    state?: string;
                    subscriptionId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayJobPage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Start a replay job: a subscription window, failed deliveries only or all events */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReplayJobCreate"];
                };
            };
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayJob"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replays/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A replay job and its progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayJob"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replays/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running replay job (it stops before its next page) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayJob"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's signing key pairs of every scope (public JWKs, kinds, expiry; never the private keys) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SigningKeyList"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signing-keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the tenant's key of a kind (the old one signs too during the overlap); re-publishes every subscription using it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RotateKey"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SigningKeyRotation"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List subscriptions */
        get: {
            parameters: {
                query?: {
                    active?: string;
                    cursor?: string;
                    eventType?: string;
                    limit?: string;
                    state?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionPage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a subscription (returns the signing secret once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SubscriptionCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionWithSecret"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Already exists, or the tenant quota (`quota`) is used up */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a subscription */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Subscription"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a subscription */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a subscription ({"active": true} reactivates, {"active": false} deactivates) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SubscriptionPatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Subscription"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/subscriptions/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate a paused, disabled or inactive subscription (the same as PATCH {"active": true}) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Subscription"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/attempt-series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Attempts over time: successes, failures and latency per bucket (the portal chart) */
        get: {
            parameters: {
                query?: {
                    bucketSeconds?: string;
                    since?: string;
                    until?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttemptSeries"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/held": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries held while paused, disabled or inactive: how many, the oldest, a page oldest first (the release order) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HeldDeliveries"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Discard every held delivery (status discarded): none is sent when the subscription delivers again */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HeldDiscarded"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replay a window of this subscription (starts a replay job, as POST /v1/replays) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Replay"];
                };
            };
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReplayJob"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/rotate-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a subscription's own key of a kind (key scope subscription; the old one signs too during the overlap) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RotateKey"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SigningKeyRotation"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing secret (the old one signs too during the overlap) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["RotateSecret"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionWithSecret"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reveal the current signing secret (a manage key of the owning tenant) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SigningSecretReveal"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/state-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** State changes, newest first: from, to, reason, who or what, when */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StateChangePage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Success rate, last failure and state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionStats"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test event through the delivery pipeline */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TestSent"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TenantPage"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a tenant */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TenantCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant with its effective limits */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a tenant (name, metadata, limit overrides) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TenantPatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/tenants/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's API keys (names, scopes, expiry, status; never the values) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyList"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Issue an API key (the key is shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ApiKeyCreate"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyIssued"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body larger than the configured limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body that is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's public signing keys as a JWK Set (RFC 7517; kid = the keyid sent), current and overlapping: no authentication, Cache-Control max-age 300 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JwkSet"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}/subscriptions/{subscriptionId}/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subscription's own public signing keys (key scope subscription) as a JWK Set: no authentication, Cache-Control max-age 300 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    subscriptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JwkSet"];
                    };
                };
                /** @description Invalid request; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found (also for another tenant’s objects) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description URL longer than HERALD_API_MAX_URL_LENGTH */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Accepted: {
            id?: string;
            /** @enum {string} */
            status?: "accepted";
        };
        ApiKey: {
            /** Format: date-time */
            createdAt?: string;
            /** Format: date-time */
            expiresAt?: string | null;
            id?: string;
            name?: string;
            prefix?: string;
            /** Format: date-time */
            revokedAt?: string | null;
            /** @enum {string} */
            scope?: "read-only" | "ingest-only" | "manage";
            /** @enum {string} */
            status?: "active" | "expired" | "revoked";
            tenantId?: string;
        };
        ApiKeyCreate: {
            /**
             * Format: date-time
             * @description After this instant the key is refused (default: never)
             */
            expiresAt?: string | null;
            name?: string;
            /**
             * @description read-only: GET only; ingest-only: POST /v1/events only; manage (default): everything of the tenant
             * @enum {string}
             */
            scope?: "read-only" | "ingest-only" | "manage";
        };
        ApiKeyIssued: components["schemas"]["ApiKey"] & {
            /** @description Shown once */
            key?: string;
        };
        ApiKeyList: {
            items?: components["schemas"]["ApiKey"][];
        };
        ApiKeyPatch: {
            name: string;
        };
        AttemptSeries: {
            /** @description Buckets with at least one attempt, oldest first */
            buckets: {
                /** Format: date-time */
                at: string;
                failed: number;
                maxLatencyMs: number | null;
                p50LatencyMs: number | null;
                succeeded: number;
            }[];
            bucketSeconds: number;
            /** Format: date-time */
            since: string;
            subscriptionId: string;
            /** Format: date-time */
            until: string;
        };
        BatchAccepted: {
            accepted?: number;
            refused?: number;
            results?: {
                id?: string | null;
                index?: number;
                problem?: components["schemas"]["Problem"];
                /** @enum {integer} */
                status?: 202 | 400 | 422;
            }[];
        };
        /** @description A CloudEvents 1.0 event (structured JSON); tenantid is set from the API key */
        CloudEvent: {
            /** @enum {string} */
            action?: "created" | "updated" | "deleted";
            data?: unknown;
            datacontenttype?: string;
            entityid?: string;
            entitytype?: string;
            id: string;
            source: string;
            /** @enum {string} */
            specversion: "1.0";
            subject?: string;
            /** Format: date-time */
            time?: string;
            trigger?: string;
            type: string;
        };
        /** @description A CloudEvents batch (application/cloudevents-batch+json): at most HERALD_API_MAX_BATCH_EVENTS events, each judged alone */
        CloudEventBatch: {
            /** @enum {string} */
            action?: "created" | "updated" | "deleted";
            data?: unknown;
            datacontenttype?: string;
            entityid?: string;
            entitytype?: string;
            id: string;
            source: string;
            /** @enum {string} */
            specversion: "1.0";
            subject?: string;
            /** Format: date-time */
            time?: string;
            trigger?: string;
            type: string;
        }[];
        DeadLetter: {
            /** Format: date-time */
            createdAt?: string;
            deliveryId?: string;
            eventId?: string;
            job?: Record<string, never>;
            reason?: string;
            /** Format: date-time */
            redrivenAt?: string | null;
            subscriptionId?: string;
            tenantId?: string;
        };
        DeadLetterPage: {
            items: components["schemas"]["DeadLetter"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        Delivery: {
            attempts?: number;
            /** Format: date-time */
            createdAt?: string;
            eventId?: string;
            eventType?: string;
            /** @description The delivery id, sent as webhook-id on every attempt */
            id?: string;
            /** Format: date-time */
            lastAttemptAt?: string | null;
            lastError?: string | null;
            lastStatusCode?: number | null;
            /** @enum {string} */
            status?: "pending" | "held" | "succeeded" | "failed" | "dead" | "discarded";
            subscriptionId?: string;
            tenantId?: string;
            /** Format: date-time */
            updatedAt?: string;
        };
        DeliveryDetail: components["schemas"]["Delivery"] & {
            attemptLog?: {
                attempt?: number;
                /** Format: date-time */
                attemptedAt?: string;
                errorClass?: string | null;
                errorMessage?: string | null;
                latencyMs?: number;
                /** @enum {string} */
                outcome?: "succeeded" | "failed";
                /** @description The body sent, at most 64 KiB; null: no request went out */
                requestBody?: string | null;
                /** @description The headers sent (signature headers included); the values of Authorization, Proxy-Authorization, Cookie and the delivery credential read "[redacted]". null: no request went out (or recorded before this was kept) */
                requestHeaders?: {
                    [key: string]: string;
                } | null;
                /** @description At most 64 KiB */
                responseBody?: string | null;
                responseHeaders?: Record<string, never> | null;
                statusCode?: number | null;
            }[];
        };
        DeliveryPage: {
            items: components["schemas"]["Delivery"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        EventCatalogue: {
            strict?: boolean;
        };
        EventCatalogueSettings: {
            /** @description Refuse events of types the tenant has not registered (its own or public) */
            strict: boolean;
        };
        EventType: {
            code?: string | null;
            /** Format: date-time */
            createdAt?: string;
            description?: string | null;
            name?: string;
            schema?: Record<string, never> | null;
            tenantId?: string;
            /** Format: date-time */
            updatedAt?: string;
            /** @enum {string} */
            visibility?: "tenant" | "public";
        };
        EventTypeCreate: {
            /** @description An optional event code, e.g. "100" */
            code?: string | null;
            description?: string | null;
            name: string;
            /** @description JSON Schema for the event data */
            schema?: Record<string, never> | null;
            /** @enum {string} */
            visibility?: "tenant" | "public";
        };
        EventTypePage: {
            items: components["schemas"]["EventType"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        EventTypePatch: {
            code?: string | null;
            description?: string | null;
            schema?: Record<string, never> | null;
            /** @enum {string} */
            visibility?: "tenant" | "public";
        };
        /** @description Released automatically, oldest first and paced by the rate and concurrency limits, once the subscription can deliver again */
        HeldDeliveries: {
            /** @description Held deliveries of the subscription */
            count: number;
            items: components["schemas"]["Delivery"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
            /**
             * Format: date-time
             * @description When the oldest was created; null: none held
             */
            oldest: string | null;
        };
        HeldDiscarded: {
            /** @description Held deliveries now discarded */
            discarded: number;
        };
        /** @description The normalised event (kind herald.event, version 1) */
        HeraldEvent: Record<string, never>;
        InvalidEvent: {
            detail?: string;
            eventId?: string | null;
            id?: string;
            offset?: string;
            partition?: number;
            /** @enum {string} */
            reason?: "malformed_json" | "invalid_envelope" | "unknown_tenant" | "unknown_event_type" | "schema_violation" | "oversized" | "rate_limited" | "unstorable" | "unprocessable";
            /** Format: date-time */
            rejectedAt?: string;
            sizeBytes?: number;
            source?: string | null;
            topic?: string;
            type?: string | null;
        };
        InvalidEventPage: {
            items: components["schemas"]["InvalidEvent"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        JwkSet: {
            keys: {
                /** @enum {string} */
                alg?: "EdDSA" | "ES256";
                crv?: string;
                e?: string;
                kid?: string;
                /** @enum {string} */
                kty?: "OKP" | "EC" | "RSA";
                n?: string;
                /** @enum {string} */
                use?: "sig";
                x?: string;
                y?: string;
            }[];
        };
        PayloadFormat: {
            /** Format: date-time */
            createdAt?: string;
            description?: string | null;
            name?: string;
            /** @description Subscriptions using it (on PATCH: how many were republished) */
            subscriptions?: number;
            template?: string;
            /** Format: date-time */
            updatedAt?: string;
        };
        PayloadFormatCreate: {
            description?: string | null;
            name: string;
            /** @description A JSONata expression over the event (id, type, time, subject, entityType, entityId, action, trigger, data, eventType.{name,code,description}, deliveryId, attempt, subscription.{id,metadata}) */
            template: string;
        };
        PayloadFormatPage: {
            items: components["schemas"]["PayloadFormat"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        PayloadFormatPatch: {
            description?: string | null;
            template?: string;
        };
        PayloadFormatPreview: {
            /** @enum {string} */
            contentType?: "json" | "form";
            /** @description A sample CloudEvent (specversion, id and source may be left out); default: an article updated */
            event?: Record<string, never>;
            /** @description Only on /v1/payload-formats/preview: the template to try (unsaved) */
            template?: string;
        };
        PayloadPreview: {
            /** @description The request body a receiver would get, byte for byte */
            body?: string;
            contentType?: string;
        };
        PortalSession: {
            /** Format: date-time */
            createdAt?: string;
            /** Format: date-time */
            expiresAt?: string;
            id?: string;
            readOnly?: boolean;
            subscriptionIds?: string[] | null;
            tenantId?: string;
            /** @description The bearer token (hps_...), shown once */
            token?: string;
            /** @description The portal link; the token is in its fragment */
            url?: string;
        };
        PortalSessionCreate: {
            /** @description Seconds until the link stops working (default 3600, at most 24 h) */
            expiresIn?: number;
            /** @description The page may only read (default false) */
            readOnly?: boolean;
            /** @description Limit the session to these subscriptions (default: all of the tenant) */
            subscriptionIds?: string[];
            /** @description The tenant (required with the admin token; a tenant key opens its own) */
            tenantId?: string;
        };
        PortalSessionInfo: {
            /** Format: date-time */
            expiresAt: string;
            id: string;
            readOnly: boolean;
            subscriptionIds: string[] | null;
            tenantId: string;
        };
        Problem: {
            detail: string;
            errors?: {
                field?: string;
                message?: string;
            }[];
            /** @description The tenant limit that refused the request (429, quota 409) */
            limit?: {
                name?: string;
                used?: number;
                value?: number;
            };
            status: number;
            title: string;
            type: string;
        };
        Redrive: {
            deliveryIds?: string[];
            limit?: number;
            subscriptionId?: string;
        };
        Redriven: {
            deliveryIds?: string[];
            redriven?: number;
        };
        Replay: {
            /** Format: date-time */
            since: string;
            /** @enum {string} */
            status?: "failed" | "all";
            /** Format: date-time */
            until?: string;
        };
        /** @description A replay of one subscription window, run in pages: poll it (or the list) for progress */
        ReplayJob: {
            /** Format: date-time */
            createdAt?: string;
            /** @description why it failed, or the last transient error */
            error?: string | null;
            /** Format: date-time */
            finishedAt?: string | null;
            id: string;
            progress: {
                /** @description deliveries sent again so far */
                enqueued?: number;
                /** @description rows of the window looked at so far */
                scanned?: number;
                /** @description looked at but not sent (no match, past retention) */
                skipped?: number;
            };
            /** Format: date-time */
            since: string;
            /** Format: date-time */
            startedAt?: string | null;
            /** @enum {string} */
            state: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /**
             * @description failed: failed, dead and held deliveries; all: every matching stored event
             * @enum {string}
             */
            status: "failed" | "all";
            subscriptionId: string;
            /** Format: date-time */
            until: string;
        };
        ReplayJobCreate: {
            /** Format: date-time */
            since: string;
            /** @enum {string} */
            status?: "failed" | "all";
            subscriptionId: string;
            /** Format: date-time */
            until?: string;
        };
        ReplayJobPage: {
            items: components["schemas"]["ReplayJob"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        Retried: {
            deliveryId?: string;
            status?: string;
        };
        RotateKey: {
            /** @description How long the old key keeps signing too and stays in the JWKS (default 24 hours) */
            overlapMs?: number;
            /**
             * @description ed25519: v1a, and RFC 9421 ed25519; ecdsa-p256: RFC 9421 ecdsa-p256-sha256; rsa: RFC 9421 rsa-pss-sha512 and draft-cavage
             * @enum {string}
             */
            type: "ed25519" | "ecdsa-p256" | "rsa";
        };
        RotateSecret: {
            /** @description How long the old secret keeps signing too (default 24 hours) */
            overlapMs?: number;
        };
        SigningKeyList: {
            items?: {
                /** Format: date-time */
                createdAt?: string;
                /**
                 * Format: date-time
                 * @description null: current; else the end of its overlap
                 */
                expiresAt?: string | null;
                /** @description The keyid signatures carry (key_<kind>_<random hex>) */
                kid?: string;
                /** @description A public JWK (RFC 7517; OKP per RFC 8037): kid, use sig, alg (EdDSA, ES256; none for RSA, whose key signs both rsa-pss-sha512 and cavage), kty and the public members (crv x y, n e) only */
                publicJwk?: {
                    /** @enum {string} */
                    alg?: "EdDSA" | "ES256";
                    crv?: string;
                    e?: string;
                    kid?: string;
                    /** @enum {string} */
                    kty?: "OKP" | "EC" | "RSA";
                    n?: string;
                    /** @enum {string} */
                    use?: "sig";
                    x?: string;
                    y?: string;
                };
                /** @description null: the tenant's key */
                subscriptionId?: string | null;
                /** @enum {string} */
                type?: "ed25519" | "ecdsa-p256" | "rsa";
            }[];
        };
        SigningKeyRotation: {
            /** @description The new current key */
            kid?: string;
            /** @description The key that signs too until expiresAt (null: there was none) */
            previous?: {
                /** Format: date-time */
                expiresAt?: string;
                kid?: string;
            } | null;
            /** @description A public JWK (RFC 7517; OKP per RFC 8037): kid, use sig, alg (EdDSA, ES256; none for RSA, whose key signs both rsa-pss-sha512 and cavage), kty and the public members (crv x y, n e) only */
            publicJwk?: {
                /** @enum {string} */
                alg?: "EdDSA" | "ES256";
                crv?: string;
                e?: string;
                kid?: string;
                /** @enum {string} */
                kty?: "OKP" | "EC" | "RSA";
                n?: string;
                /** @enum {string} */
                use?: "sig";
                x?: string;
                y?: string;
            };
            /** @description Subscriptions re-published on the changelog with both keys */
            republishedSubscriptions?: number;
            /** @enum {string} */
            scope?: "tenant" | "subscription";
            /** @enum {string} */
            type?: "ed25519" | "ecdsa-p256" | "rsa";
        };
        SigningSecretReveal: {
            fingerprint?: string;
            /** @description whsec_… */
            secret?: string;
        };
        /** @description One change of a subscription's status */
        StateChange: {
            /** Format: date-time */
            changedAt?: string;
            changedBy?: {
                /** @description The API key id of a tenant change */
                id?: string | null;
                /** @enum {string} */
                kind?: "tenant" | "admin" | "dispatcher";
            };
            /**
             * @description null at creation
             * @enum {string|null}
             */
            fromState?: "active" | "paused" | "disabled" | "inactive" | null;
            id?: string;
            reason?: string | null;
            /** @enum {string} */
            toState?: "active" | "paused" | "disabled" | "inactive";
        };
        StateChangePage: {
            items: components["schemas"]["StateChange"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        /** @description A subscription; signing secrets appear only as fingerprints (first 8 bytes of their SHA-256) after creation */
        Subscription: {
            actions?: string[];
            active?: boolean;
            canary?: {
                enabled?: boolean;
                intervalMs?: number;
            };
            condition?: Record<string, never> | null;
            /** @enum {string} */
            contentType?: "json" | "form";
            /** Format: date-time */
            createdAt?: string;
            /** @description How Herald authenticates to the receiver (null = none): everything but the secret part, which is shown as its fingerprint */
            credential?: {
                audience?: string | null;
                clientAuthMethod?: string;
                clientId?: string;
                /** @description sha256:<first 16 hex digits> of the secret part */
                fingerprint?: string;
                /** @description header: the header name */
                name?: string;
                scope?: string | null;
                /** @description oauth2: the token endpoint */
                tokenUrl?: string;
                /** @enum {string} */
                type?: "header" | "basic" | "oauth2";
                /** @description basic: the user */
                username?: string;
            } | null;
            description?: string | null;
            disablePolicy?: Record<string, never>;
            entityId?: string | null;
            entityType?: string | null;
            eventTypes?: string[];
            headers?: {
                [key: string]: string;
            };
            id?: string;
            maxConcurrency?: number;
            metadata?: {
                [key: string]: string;
            };
            /** Format: date-time */
            pausedUntil?: string | null;
            /** @enum {string} */
            payloadFormat?: "herald" | "cloudevents" | "template";
            payloadFormatName?: string | null;
            payloadTemplate?: string | null;
            rateLimitPerSecond?: number | null;
            retryPolicy?: {
                delays?: string[];
                maxAttempts?: number;
            };
            revision?: number;
            signing?: {
                /** @description Every signature sent (the request field signing.options with its defaults filled in; for a subscription without options, what its scheme amounts to). No key material: the public keys are in the JWKS documents. */
                options?: {
                    cavage?: Record<string, never> | null;
                    httpMessageSignatures?: Record<string, never> | null;
                    /** @enum {string} */
                    keyScope?: "tenant" | "subscription";
                    standardWebhooks?: {
                        asymmetric?: boolean;
                        symmetric?: boolean;
                    };
                };
                scheme?: string;
                secrets?: {
                    /** Format: date-time */
                    expiresAt?: string | null;
                    /** @description sha256:<first 16 hex digits of SHA-256> */
                    fingerprint?: string;
                }[];
            };
            /** @enum {string} */
            state?: "active" | "paused" | "disabled";
            /** @description The cause Herald recorded for a pause or disable */
            stateReason?: string | null;
            /** @description What the subscription is doing and why: the tenant switch (inactive) first, then the health state Herald set */
            status?: {
                /** @description `paused until <time> (<cause>)`, `disabled: 410 Gone`, `disabled: failing since <time>`, `deactivated by the tenant`; null when active */
                reason: string | null;
                /** @enum {string} */
                state: "active" | "paused" | "disabled" | "inactive";
            };
            successRule?: Record<string, never>;
            tenantId?: string;
            timeoutMs?: number;
            /** @description Mutual TLS and a private CA (null = neither): summaries, never the key */
            tls?: {
                ca?: {
                    fingerprint256?: string | null;
                    issuer?: string | null;
                    subject?: string | null;
                    /** Format: date-time */
                    validTo?: string | null;
                } | null;
                clientCertificate?: {
                    fingerprint256?: string | null;
                    issuer?: string | null;
                    subject?: string | null;
                    /** Format: date-time */
                    validTo?: string | null;
                } | null;
                clientKey?: {
                    fingerprint?: string;
                } | null;
            } | null;
            triggers?: string[];
            /** Format: date-time */
            updatedAt?: string;
            url?: string;
        };
        SubscriptionCreate: {
            /** @description Empty or absent = every action */
            actions?: ("created" | "updated" | "deleted")[];
            /** @description false deactivates (held until reactivated); true reactivates, clearing a pause or an automatic disable */
            active?: boolean;
            canary?: {
                enabled?: boolean;
                intervalMs?: number;
            };
            /** @description A Mongo-style filter on the event ($eq $ne $gt $gte $lt $lte $in $nin $exists $regex $and $or $not) */
            condition?: Record<string, never> | null;
            /** @enum {string} */
            contentType?: "json" | "form";
            /** @description How Herald authenticates to the receiver, besides signing (null = none). header: name + value (sent as `<name>: <value>`); basic: username + password (HTTP Basic); oauth2: tokenUrl + clientId + clientSecret (+ scope, audience, clientAuthMethod): a client credentials token, sent as `Authorization: Bearer`. Secret parts (value, password, clientSecret) are stored encrypted and never shown again; replace the credential to change them. */
            credential?: {
                /** @description oauth2: the audience parameter some servers want */
                audience?: string | null;
                /**
                 * @description oauth2: how the client authenticates to the token endpoint (default basic)
                 * @enum {string}
                 */
                clientAuthMethod?: "client_secret_basic" | "client_secret_post";
                /** @description oauth2: the client id */
                clientId?: string;
                /** @description oauth2: the client secret */
                clientSecret?: string;
                /** @description header: the header name (not one Herald sets itself) */
                name?: string;
                /** @description basic: the password */
                password?: string;
                /** @description oauth2: space-separated scopes to ask for */
                scope?: string | null;
                /**
                 * Format: uri
                 * @description oauth2: the token endpoint (the same network rules as callback URLs)
                 */
                tokenUrl?: string;
                /** @enum {string} */
                type: "header" | "basic" | "oauth2";
                /** @description basic: the user (no colon) */
                username?: string;
                /** @description header: the value (Latin-1, no CR/LF) */
                value?: string;
            } | null;
            description?: string | null;
            disablePolicy?: {
                disableAfterMs?: number;
                failureThreshold?: number;
                pauseMs?: number;
                windowMs?: number;
            };
            entityId?: string | null;
            entityType?: string | null;
            /** @description Event types, with * wildcards (order.*). Herald's operational feed (herald.subscription.paused/resumed/disabled/reactivated, herald.delivery.exhausted/recovered) only by herald.* or those names: * never matches them */
            eventTypes: string[];
            /** @description Custom request headers (reserved ones cannot be set; values in Latin-1, no CR/LF) */
            headers?: {
                [key: string]: string;
            };
            maxConcurrency?: number;
            /** @description String values; the whole object is bounded by HERALD_API_MAX_METADATA_BYTES */
            metadata?: {
                [key: string]: string;
            };
            /** @enum {string} */
            payloadFormat?: "herald" | "cloudevents" | "template";
            /** @description A named payload format of the tenant (/v1/payload-formats): its template renders every delivery, and a change to it reaches this subscription; null = none */
            payloadFormatName?: string | null;
            /** @description A JSONata expression (payloadFormat template) */
            payloadTemplate?: string | null;
            rateLimitPerSecond?: number | null;
            /** @description A preset ladder, or explicit delays before each attempt (attempt 1 first) */
            retryPolicy?: {
                delays?: string[];
                maxAttempts?: number;
                /** @enum {string} */
                preset?: "default" | "aggressive" | "patient";
            };
            signing?: {
                /** @description Every signature sent (null = the scheme alone: v1, plus RFC 9421 hmac-sha256 for http-message-signatures). On PATCH each member given replaces that member whole. */
                options?: {
                    /** @description draft-cavage HTTP Signatures (Signature: keyId,algorithm,headers,signature), null = none; signed with the RSA key pair of the key scope */
                    cavage?: {
                        /**
                         * @description rsa-sha256: RSASSA-PKCS1-v1_5 SHA-256; hs2019: RSASSA-PSS SHA-512
                         * @enum {string}
                         */
                        algorithm: "rsa-sha256" | "hs2019";
                        /** @description Signed headers in order: (request-target) (created) (expires) host date digest content-type content-length and lower-case names of the custom headers (default (request-target) host date digest; Copernica: (request-target) host date x-copernica-id digest, with X-Copernica-ID in headers) */
                        headers?: string[];
                    } | null;
                    /** @description RFC 9421 HTTP Message Signatures (Signature-Input / Signature), null = none. The created and keyid parameters are always sent (keyid: the JWKS kid, or the subscription id for hmac-sha256, which signs with the whsec_ secrets). */
                    httpMessageSignatures?: {
                        /** @enum {string} */
                        algorithm: "ed25519" | "ecdsa-p256-sha256" | "rsa-pss-sha512" | "hmac-sha256";
                        /** @description Covered components in order: @method @target-uri @authority @scheme @path @query, content-digest content-type content-length date, webhook-id webhook-timestamp, and lower-case names of the custom headers (default @method @target-uri content-digest date) */
                        components?: string[];
                        /**
                         * @description The RFC 9530 Content-Digest algorithm (default sha-256)
                         * @enum {string}
                         */
                        digest?: "sha-256" | "sha-512";
                        /** @description expires = created + this (default null: no expires parameter) */
                        expiresInSeconds?: number | null;
                        /** @description A random nonce parameter (default false) */
                        nonce?: boolean;
                        /** @description The tag parameter, printable ASCII (default null: none) */
                        tag?: string | null;
                    } | null;
                    /**
                     * @description Whose key pairs sign: the tenant's (GET /v1/tenants/{tenantId}/jwks.json, default) or this subscription's own (GET /v1/tenants/{tenantId}/subscriptions/{id}/jwks.json)
                     * @enum {string}
                     */
                    keyScope?: "tenant" | "subscription";
                    /** @description Standard Webhooks webhook-signature: v1, (HMAC, whsec_) and/or v1a, (ed25519) */
                    standardWebhooks?: {
                        /** @description v1a, (default false) */
                        asymmetric?: boolean;
                        /** @description v1, (default true) */
                        symmetric?: boolean;
                    };
                } | null;
                /**
                 * @description http-message-signatures = an RFC 9421 signature besides v1, (with options: must agree with options.httpMessageSignatures being set)
                 * @enum {string}
                 */
                scheme?: "standard-webhooks" | "http-message-signatures";
            };
            successRule?: {
                /** @description A JSON subset the response body must contain, e.g. {"Success": true} */
                body?: Record<string, never> | null;
                /** @description Status codes or classes that count as success, e.g. ["2xx"] or ["200", "202"] */
                statuses?: string[];
            };
            timeoutMs?: number;
            /** @description Mutual TLS and private CAs (null = none). clientCertificate + clientKey: PEM, presented to the receiver (the key stored encrypted, never shown again); ca: PEM of the CA certificate(s) the receiver's certificate must chain to, instead of the public roots. */
            tls?: {
                /** @description PEM CA certificate(s) */
                ca?: string;
                /** @description PEM certificate (chain); requires clientKey */
                clientCertificate?: string;
                /** @description PEM private key (unencrypted) of clientCertificate */
                clientKey?: string;
            } | null;
            /** @description Which source made the change (rest, import, publisher...); empty = every trigger */
            triggers?: string[];
            /** Format: uri */
            url: string;
        };
        SubscriptionPage: {
            items: components["schemas"]["Subscription"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        SubscriptionPatch: {
            /** @description Empty or absent = every action */
            actions?: ("created" | "updated" | "deleted")[];
            /** @description false deactivates (held until reactivated); true reactivates, clearing a pause or an automatic disable */
            active?: boolean;
            canary?: {
                enabled?: boolean;
                intervalMs?: number;
            };
            /** @description A Mongo-style filter on the event ($eq $ne $gt $gte $lt $lte $in $nin $exists $regex $and $or $not) */
            condition?: Record<string, never> | null;
            /** @enum {string} */
            contentType?: "json" | "form";
            /** @description How Herald authenticates to the receiver, besides signing (null = none). header: name + value (sent as `<name>: <value>`); basic: username + password (HTTP Basic); oauth2: tokenUrl + clientId + clientSecret (+ scope, audience, clientAuthMethod): a client credentials token, sent as `Authorization: Bearer`. Secret parts (value, password, clientSecret) are stored encrypted and never shown again; replace the credential to change them. */
            credential?: {
                /** @description oauth2: the audience parameter some servers want */
                audience?: string | null;
                /**
                 * @description oauth2: how the client authenticates to the token endpoint (default basic)
                 * @enum {string}
                 */
                clientAuthMethod?: "client_secret_basic" | "client_secret_post";
                /** @description oauth2: the client id */
                clientId?: string;
                /** @description oauth2: the client secret */
                clientSecret?: string;
                /** @description header: the header name (not one Herald sets itself) */
                name?: string;
                /** @description basic: the password */
                password?: string;
                /** @description oauth2: space-separated scopes to ask for */
                scope?: string | null;
                /**
                 * Format: uri
                 * @description oauth2: the token endpoint (the same network rules as callback URLs)
                 */
                tokenUrl?: string;
                /** @enum {string} */
                type: "header" | "basic" | "oauth2";
                /** @description basic: the user (no colon) */
                username?: string;
                /** @description header: the value (Latin-1, no CR/LF) */
                value?: string;
            } | null;
            description?: string | null;
            disablePolicy?: {
                disableAfterMs?: number;
                failureThreshold?: number;
                pauseMs?: number;
                windowMs?: number;
            };
            entityId?: string | null;
            entityType?: string | null;
            /** @description Event types, with * wildcards (order.*). Herald's operational feed (herald.subscription.paused/resumed/disabled/reactivated, herald.delivery.exhausted/recovered) only by herald.* or those names: * never matches them */
            eventTypes?: string[];
            /** @description Custom request headers (reserved ones cannot be set; values in Latin-1, no CR/LF) */
            headers?: {
                [key: string]: string;
            };
            maxConcurrency?: number;
            /** @description String values; the whole object is bounded by HERALD_API_MAX_METADATA_BYTES */
            metadata?: {
                [key: string]: string;
            };
            /** @enum {string} */
            payloadFormat?: "herald" | "cloudevents" | "template";
            /** @description A named payload format of the tenant (/v1/payload-formats): its template renders every delivery, and a change to it reaches this subscription; null = none */
            payloadFormatName?: string | null;
            /** @description A JSONata expression (payloadFormat template) */
            payloadTemplate?: string | null;
            rateLimitPerSecond?: number | null;
            /** @description A preset ladder, or explicit delays before each attempt (attempt 1 first) */
            retryPolicy?: {
                delays?: string[];
                maxAttempts?: number;
                /** @enum {string} */
                preset?: "default" | "aggressive" | "patient";
            };
            signing?: {
                /** @description Every signature sent (null = the scheme alone: v1, plus RFC 9421 hmac-sha256 for http-message-signatures). On PATCH each member given replaces that member whole. */
                options?: {
                    /** @description draft-cavage HTTP Signatures (Signature: keyId,algorithm,headers,signature), null = none; signed with the RSA key pair of the key scope */
                    cavage?: {
                        /**
                         * @description rsa-sha256: RSASSA-PKCS1-v1_5 SHA-256; hs2019: RSASSA-PSS SHA-512
                         * @enum {string}
                         */
                        algorithm: "rsa-sha256" | "hs2019";
                        /** @description Signed headers in order: (request-target) (created) (expires) host date digest content-type content-length and lower-case names of the custom headers (default (request-target) host date digest; Copernica: (request-target) host date x-copernica-id digest, with X-Copernica-ID in headers) */
                        headers?: string[];
                    } | null;
                    /** @description RFC 9421 HTTP Message Signatures (Signature-Input / Signature), null = none. The created and keyid parameters are always sent (keyid: the JWKS kid, or the subscription id for hmac-sha256, which signs with the whsec_ secrets). */
                    httpMessageSignatures?: {
                        /** @enum {string} */
                        algorithm: "ed25519" | "ecdsa-p256-sha256" | "rsa-pss-sha512" | "hmac-sha256";
                        /** @description Covered components in order: @method @target-uri @authority @scheme @path @query, content-digest content-type content-length date, webhook-id webhook-timestamp, and lower-case names of the custom headers (default @method @target-uri content-digest date) */
                        components?: string[];
                        /**
                         * @description The RFC 9530 Content-Digest algorithm (default sha-256)
                         * @enum {string}
                         */
                        digest?: "sha-256" | "sha-512";
                        /** @description expires = created + this (default null: no expires parameter) */
                        expiresInSeconds?: number | null;
                        /** @description A random nonce parameter (default false) */
                        nonce?: boolean;
                        /** @description The tag parameter, printable ASCII (default null: none) */
                        tag?: string | null;
                    } | null;
                    /**
                     * @description Whose key pairs sign: the tenant's (GET /v1/tenants/{tenantId}/jwks.json, default) or this subscription's own (GET /v1/tenants/{tenantId}/subscriptions/{id}/jwks.json)
                     * @enum {string}
                     */
                    keyScope?: "tenant" | "subscription";
                    /** @description Standard Webhooks webhook-signature: v1, (HMAC, whsec_) and/or v1a, (ed25519) */
                    standardWebhooks?: {
                        /** @description v1a, (default false) */
                        asymmetric?: boolean;
                        /** @description v1, (default true) */
                        symmetric?: boolean;
                    };
                } | null;
                /**
                 * @description http-message-signatures = an RFC 9421 signature besides v1, (with options: must agree with options.httpMessageSignatures being set)
                 * @enum {string}
                 */
                scheme?: "standard-webhooks" | "http-message-signatures";
            };
            successRule?: {
                /** @description A JSON subset the response body must contain, e.g. {"Success": true} */
                body?: Record<string, never> | null;
                /** @description Status codes or classes that count as success, e.g. ["2xx"] or ["200", "202"] */
                statuses?: string[];
            };
            timeoutMs?: number;
            /** @description Mutual TLS and private CAs (null = none). clientCertificate + clientKey: PEM, presented to the receiver (the key stored encrypted, never shown again); ca: PEM of the CA certificate(s) the receiver's certificate must chain to, instead of the public roots. */
            tls?: {
                /** @description PEM CA certificate(s) */
                ca?: string;
                /** @description PEM certificate (chain); requires clientKey */
                clientCertificate?: string;
                /** @description PEM private key (unencrypted) of clientCertificate */
                clientKey?: string;
            } | null;
            /** @description Which source made the change (rest, import, publisher...); empty = every trigger */
            triggers?: string[];
            /** Format: uri */
            url?: string;
        };
        SubscriptionStats: {
            active?: boolean;
            deliveries?: {
                byStatus?: {
                    [key: string]: number;
                };
                lastFailure?: Record<string, never> | null;
                successRate?: number | null;
                total?: number;
            };
            /** Format: date-time */
            pausedUntil?: string | null;
            state?: string;
            stateReason?: string | null;
            /** @description What the subscription is doing and why: the tenant switch (inactive) first, then the health state Herald set */
            status?: {
                /** @description `paused until <time> (<cause>)`, `disabled: 410 Gone`, `disabled: failing since <time>`, `deactivated by the tenant`; null when active */
                reason: string | null;
                /** @enum {string} */
                state: "active" | "paused" | "disabled" | "inactive";
            };
            subscriptionId?: string;
        };
        SubscriptionWithSecret: components["schemas"]["Subscription"] & {
            /** @description whsec_…, shown once */
            secret?: string;
        };
        Tenant: {
            /** Format: date-time */
            createdAt?: string;
            /** @description The limits that apply: the overrides over the configured defaults (0 = no limit) */
            effectiveLimits?: Record<string, never>;
            id?: string;
            /** @description The overrides the admin set */
            limits?: Record<string, never>;
            metadata?: Record<string, never>;
            name?: string;
        };
        TenantCreate: {
            /** @description Optional; generated when absent */
            id?: string;
            limits?: {
                /** @description seconds of the rate that may be sent at once; null = the configured default */
                burstSeconds?: number | null;
                /** @description POST /v1/events per second per API instance before 429; null = the configured default */
                httpEventsPerSecond?: number | null;
                /** @description Kafka events per second per event-ingest instance; null = the configured default */
                kafkaEventsPerSecond?: number | null;
                /** @description most event types; null = the configured default */
                maxEventTypes?: number | null;
                /** @description deliveries in flight per dispatcher instance; null = the configured default */
                maxInFlightDeliveries?: number | null;
                /** @description most subscriptions; null = the configured default */
                maxSubscriptions?: number | null;
            };
            /** @description String values; the whole object is bounded by HERALD_API_MAX_METADATA_BYTES */
            metadata?: {
                [key: string]: string;
            };
            name: string;
            /** @description The tenant's callback and token URLs must use https (default false); refused while one uses http */
            requireHttps?: boolean;
        };
        TenantPage: {
            items: components["schemas"]["Tenant"][];
            /** @description Pass as ?cursor= for the next page; null on the last */
            nextCursor: string | null;
        };
        TenantPatch: {
            limits?: {
                /** @description seconds of the rate that may be sent at once; null = the configured default */
                burstSeconds?: number | null;
                /** @description POST /v1/events per second per API instance before 429; null = the configured default */
                httpEventsPerSecond?: number | null;
                /** @description Kafka events per second per event-ingest instance; null = the configured default */
                kafkaEventsPerSecond?: number | null;
                /** @description most event types; null = the configured default */
                maxEventTypes?: number | null;
                /** @description deliveries in flight per dispatcher instance; null = the configured default */
                maxInFlightDeliveries?: number | null;
                /** @description most subscriptions; null = the configured default */
                maxSubscriptions?: number | null;
            };
            /** @description String values; the whole object is bounded by HERALD_API_MAX_METADATA_BYTES */
            metadata?: {
                [key: string]: string;
            };
            name?: string;
            /** @description The tenant's callback and token URLs must use https (default false); refused while one uses http */
            requireHttps?: boolean;
        };
        TestSent: {
            deliveryId?: string;
            eventId?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
