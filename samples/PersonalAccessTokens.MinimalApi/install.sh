# From the folder that holds your clone, PersonalAccessTokens/: build the packages into packages/.
dotnet pack PersonalAccessTokens -c Release -o packages

# A new web app beside it. Its nuget.config adds that folder to NuGet's own feed, which serves our dependencies.
dotnet new web -o MyApi && cd MyApi
dotnet new nugetconfig
dotnet nuget add source ../packages -n local
dotnet add package PersonalAccessTokens.AspNetCore
