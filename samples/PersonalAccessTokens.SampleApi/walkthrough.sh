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

# 6. Two more tokens: one for CI, and one on a laptop that is about to be lost.
CI=$(curl -s -X POST http://localhost:5080/tokens \
  -H 'X-Dev-User: alice' -H 'Content-Type: application/json' \
  -d '{"name": "ci", "scopes": ["repo:read"], "expiresInDays": 30}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -s -o /dev/null -X POST http://localhost:5080/tokens \
  -H 'X-Dev-User: alice' -H 'Content-Type: application/json' \
  -d '{"name": "old-laptop", "scopes": ["repo:read"], "expiresInDays": 30}'

# 7. List my tokens: id, name, scopes, issued, expires, last used, status. Never the token text.
curl -s http://localhost:5080/tokens -H 'X-Dev-User: alice'; echo

# 8. The laptop is lost, its token with it: revoke it by id, from the list. 204, and CI keeps working: 200.
LOST=$(curl -s http://localhost:5080/tokens -H 'X-Dev-User: alice' \
  | grep -oE '"id":"[^"]+","name":"old-laptop"' | head -1 | cut -d'"' -f4)
curl -si -X DELETE "http://localhost:5080/tokens/$LOST" -H 'X-Dev-User: alice'
curl -si http://localhost:5080/repos -H "Authorization: Bearer $CI"

# 9. Rotate the CI token: 201 with a new token, same name and scopes, same expiry.
NEW=$(curl -s -X POST http://localhost:5080/tokens/self/rotate -H "Authorization: Bearer $CI" \
  -H 'Content-Type: application/json' -d '{}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -si http://localhost:5080/repos -H "Authorization: Bearer $NEW"

# 10. Someone uses the old CI token: 401, and the whole family dies, the new token included: 401.
curl -si http://localhost:5080/repos -H "Authorization: Bearer $CI"
curl -si http://localhost:5080/repos -H "Authorization: Bearer $NEW"

# 11. After a usage flush (every 2 s in the sample), the list says when and from where each token was last used.
sleep 3
curl -s http://localhost:5080/tokens -H 'X-Dev-User: alice'; echo
