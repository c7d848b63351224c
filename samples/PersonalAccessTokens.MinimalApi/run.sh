# The ES256 key in a file and the HS256 secret in the environment: neither belongs in source control.
mkdir -p keys && openssl ecparam -name prime256v1 -genkey -noout -out keys/pat-es256.pem
export PersonalAccessTokens__SigningKeys__1__Secret=$(openssl rand -base64 32)
dotnet run --urls http://localhost:5000
