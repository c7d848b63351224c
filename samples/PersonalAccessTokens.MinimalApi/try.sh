# A development token for alice, then the API with it: 200.
TOKEN=$(curl -s -X POST "http://localhost:5000/dev/tokens?user=alice")
curl -si http://localhost:5000/repos -H "Authorization: Bearer $TOKEN"
