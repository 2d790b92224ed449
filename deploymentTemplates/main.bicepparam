// An example: copy it, fill in your values, and keep secrets out of the copy you commit. Pass them on the
// command line instead (az deployment group create ... -p microsoftAppPassword=$SECRET) or with
// readEnvironmentVariable() as below.
using 'main.bicep'

param botName = 'notesguard-riverside'
param location = 'uksouth'
param microsoftAppId = '00000000-0000-0000-0000-000000000000'
param microsoftAppType = 'SingleTenant'
param microsoftAppPassword = readEnvironmentVariable('NOTESGUARD_APP_PASSWORD', '')
param appServicePlanSku = 'B1'
param instanceCount = 2
param stateStore = 'Postgres'
param postgresAdminLogin = 'notesguard'
param postgresAdminPassword = readEnvironmentVariable('NOTESGUARD_POSTGRES_PASSWORD', '')
param useUserAssignedIdentity = true
param slackSigningSecret = readEnvironmentVariable('NOTESGUARD_SLACK_SIGNING_SECRET', '')
param slackBotToken = readEnvironmentVariable('NOTESGUARD_SLACK_BOT_TOKEN', '')
