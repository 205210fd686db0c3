/// The OpenAPI 3.1 description of the dashboard's JSON API, served at `/openapi.json`.
enum OpenAPIDocument {
    static let text = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Rampart findings store", "version": "1", "description": "Read-only access to saved Rampart scans. When the server has a token, every request needs Authorization: Bearer TOKEN."},
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
              "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {"message": {"type": "string"}}}}},
              "Counts": {"type": "object", "required": ["PASS", "FAIL", "UNKNOWN", "MANUAL"], "properties": {
                "PASS": {"type": "integer"}, "FAIL": {"type": "integer"}, "UNKNOWN": {"type": "integer"}, "MANUAL": {"type": "integer"}}},
              "Scan": {"type": "object", "required": ["id", "scannedAt", "collectedAt", "source", "accounts", "regions", "checksRun", "resources", "problems", "counts", "rampartVersion"],
                "properties": {
                  "id": {"type": "integer"}, "scannedAt": {"type": "string", "format": "date-time"}, "collectedAt": {"type": "string", "format": "date-time"},
                  "source": {"type": "string"}, "accounts": {"type": "array", "items": {"type": "string"}}, "regions": {"type": "array", "items": {"type": "string"}},
                  "checksRun": {"type": "integer"}, "resources": {"type": "integer"}, "problems": {"type": "integer"},
                  "counts": {"$ref": "#/components/schemas/Counts"}, "rampartVersion": {"type": "string"},
                  "runId": {"type": "string", "description": "only on a sharded run's entry: its run id (its id is its newest shard's)"},
                  "shards": {"type": "integer", "description": "only on a sharded run's entry: how many shard scans it gathers"}}},
              "Resource": {"type": "object", "required": ["arn", "type", "name", "account", "region"], "properties": {
                "arn": {"type": "string"}, "type": {"type": "string"}, "name": {"type": "string"}, "account": {"type": "string"}, "region": {"type": "string"},
                "availabilityZone": {"type": ["string", "null"]}, "availabilityZoneId": {"type": ["string", "null"]}}},
              "Status": {"type": "string", "enum": ["PASS", "FAIL", "UNKNOWN", "MANUAL"]},
              "Severity": {"type": "string", "enum": ["critical", "high", "medium", "low", "informational"]},
              "Finding": {"type": "object", "required": ["findingId", "checkId", "title", "status", "severity", "service", "resource", "responsibility", "frameworks", "message", "remediation"],
                "properties": {
                  "findingId": {"type": "string"}, "checkId": {"type": "string"}, "title": {"type": "string"},
                  "status": {"$ref": "#/components/schemas/Status"}, "severity": {"$ref": "#/components/schemas/Severity"}, "service": {"type": "string"},
                  "resource": {"$ref": "#/components/schemas/Resource"},
                  "responsibility": {"type": "object", "properties": {"owner": {"type": "string", "enum": ["customer", "aws", "shared"]}, "serviceModel": {"type": "string", "enum": ["infrastructure", "managed"]}}},
                  "frameworks": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                  "message": {"type": "string"}, "remediation": {"type": "string"}}},
              "Side": {"type": ["object", "null"], "properties": {"status": {"$ref": "#/components/schemas/Status"}, "severity": {"$ref": "#/components/schemas/Severity"}, "message": {"type": "string"}}},
              "DiffEntry": {"type": "object", "required": ["findingId", "checkId", "title", "resource", "before", "after", "note"], "properties": {
                "findingId": {"type": "string"}, "checkId": {"type": "string"}, "title": {"type": "string"}, "resource": {"$ref": "#/components/schemas/Resource"},
                "before": {"$ref": "#/components/schemas/Side"}, "after": {"$ref": "#/components/schemas/Side"}, "note": {"type": ["string", "null"]}}},
              "Diff": {"type": "object", "required": ["old", "new", "summary", "newFindings", "fixed", "changed"], "properties": {
                "old": {"$ref": "#/components/schemas/Scan"}, "new": {"$ref": "#/components/schemas/Scan"},
                "summary": {"type": "object", "properties": {"new": {"type": "integer"}, "fixed": {"type": "integer"}, "changed": {"type": "integer"}, "unchanged": {"type": "integer"}}},
                "newFindings": {"type": "array", "items": {"$ref": "#/components/schemas/DiffEntry"}},
                "fixed": {"type": "array", "items": {"$ref": "#/components/schemas/DiffEntry"}},
                "changed": {"type": "array", "items": {"$ref": "#/components/schemas/DiffEntry"}}}}
            }
          },
          "security": [{"bearer": []}],
          "paths": {
            "/api/scans": {"get": {"summary": "Every saved scan, newest first", "operationId": "listScans",
              "responses": {"200": {"description": "the scans", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Scan"}}}}},
                "401": {"description": "no or wrong bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}},
            "/api/scans/{id}/findings": {"get": {"summary": "One scan's findings, by finding id", "operationId": "scanFindings",
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
              "responses": {"200": {"description": "the findings", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
                "400": {"description": "the id is not a number", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "401": {"description": "no or wrong bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "404": {"description": "no such scan", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}},
            "/api/runs/{id}/findings": {"get": {"summary": "A sharded run's findings, every shard's as one scan's, by finding id", "operationId": "runFindings",
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"description": "the findings", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
                "400": {"description": "the run id is not one", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "401": {"description": "no or wrong bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "404": {"description": "no scan was saved under this run id", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}},
            "/api/diff": {"get": {"summary": "New, fixed and changed findings between two scans (default: the two latest; old alone: old against the latest)", "operationId": "diffScans",
              "parameters": [{"name": "old", "in": "query", "required": false, "schema": {"type": "integer"}}, {"name": "new", "in": "query", "required": false, "schema": {"type": "integer"}}],
              "responses": {"200": {"description": "the diff", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Diff"}}}},
                "400": {"description": "an id is not a number, or new without old", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "401": {"description": "no or wrong bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "404": {"description": "no such scan, or fewer than two scans", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}}
          }
        }
        """#
}
