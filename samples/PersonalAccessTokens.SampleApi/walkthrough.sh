# 1. Mint a token with repo:read, signed in as alice through the development login.
TOKEN=$(curl -s -X POST http://localhost:5080/tokens \
  -H 'X-Dev-User: alice' -H 'Content-Type: application/json' \
  -d '{"name": "laptop", "scopes": ["repo:read"], "expiresInDays": 7}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')

# 2. Read: 200, and Authentication-Token-Expiration says when the token lapses.
curl -si http://localhost:5080/repos -H "Authorization: Bearer $TOKEN"

# 3. Write: 403, WWW-Authenticate: Bearer ..., error="insufficient_scope", scope="repo:write".
curl -si -X POST http://localhost:5080/repos -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name": "octo/new"}'

# 4. Revoke the token: 204.
curl -si -X DELETE http://localhost:5080/tokens/self -H "Authorization: Bearer $TOKEN"

# 5. Read again: 401, error="invalid_token", error_description="The token has been revoked."
curl -si http://localhost:5080/repos -H "Authorization: Bearer $TOKEN"
