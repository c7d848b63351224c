# A key for the service, and its configuration: the tool prints the SigningKeys entry last.
pat keys new --alg ES256 --kid demo-1 --out pat-demo-1.pem > key.txt
cat > appsettings.json <<JSON
{
  "PersonalAccessTokens": {
    "Issuer": "https://auth.example.com",
    "Audience": "https://api.example.com",
    "TokenPrefix": "acme_pat_",
    "SigningKeys": [ $(tail -n 1 key.txt) ],
    "Scopes": [ { "Name": "repo:read" }, { "Name": "repo:write", "Implies": [ "repo:read" ] } ]
  }
}
JSON

# A token for a service account: only the token goes to stdout.
TOKEN=$(pat issue --sub deploy-bot --scope repo:write --name deploy --days 7)

# What it says, decoded without verifying; then whether the service would accept it, and for what.
echo "$TOKEN" | pat inspect
echo "$TOKEN" | pat validate --scope repo:read
echo "$TOKEN" | pat validate --scope admin:org || echo "exit code $?"

# The public key set to publish, and the rule for secret scanners.
pat jwks
pat regex
