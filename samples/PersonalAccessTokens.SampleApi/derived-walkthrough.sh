# 1. Alice mints a repo:write token for her laptop, signed in through the development login.
PARENT=$(curl -s -X POST http://localhost:5080/tokens \
  -H 'X-Dev-User: alice' -H 'Content-Type: application/json' \
  -d '{"name": "laptop-write", "scopes": ["repo:write"], "expiresInDays": 30}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')

# 2. Her laptop hands a CI job a 10-minute, read-only child of that token.
CHILD=$(curl -s -X POST http://localhost:5080/tokens/self/derive -H "Authorization: Bearer $PARENT" \
  -H 'Content-Type: application/json' -d '{"scopes": ["repo:read"], "expiresInMinutes": 10, "name": "ci-job-123"}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')

# 3. The job reads: 200. It cannot write: 403, insufficient_scope.
curl -si http://localhost:5080/repos -H "Authorization: Bearer $CHILD"
curl -si -X POST http://localhost:5080/repos -H "Authorization: Bearer $CHILD" \
  -H 'Content-Type: application/json' -d '{"name": "octo/ci"}'

# 4. Nor can it derive anything stronger than itself: 400, "code": "ScopeNotGranted".
curl -si -X POST http://localhost:5080/tokens/self/derive -H "Authorization: Bearer $CHILD" \
  -H 'Content-Type: application/json' -d '{"scopes": ["repo:write"]}'

# 5. Alice revokes the laptop token: 204. The child dies with it: 401, "The token has been revoked."
curl -si -X DELETE http://localhost:5080/tokens/self -H "Authorization: Bearer $PARENT"
curl -si http://localhost:5080/repos -H "Authorization: Bearer $CHILD"
