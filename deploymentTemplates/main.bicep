// NotesGuard on Azure: the same resources and parameters as azuredeploy.json (tests keep the two in step).
//   az deployment group create -g <group> -f deploymentTemplates/main.bicep -p deploymentTemplates/main.bicepparam
// See deploymentTemplates/README.md and docs/operations.md.

@description('Globally unique name; also the web app\'s host name.')
param botName string

@description('Where the resources go. UK South keeps the data in the UK.')
param location string = resourceGroup().location

@description('The Entra app registration\'s Application (client) ID; not used with UserAssignedMSI, where the identity this template creates is the bot\'s.')
param microsoftAppId string = ''

@allowed([
  'SingleTenant'
  'MultiTenant'
  'UserAssignedMSI'
])
param microsoftAppType string = 'SingleTenant'

@description('The tenant of the app registration (single-tenant bots).')
param microsoftAppTenantId string = subscription().tenantId

@description('Client secret; kept in Key Vault. Leave empty for a certificate or a managed identity.')
@secure()
param microsoftAppPassword string = ''

param appServicePlanSku string = 'B1'

@description('More than one instance needs a shared state store: stateStore AzureBlob or Postgres.')
@minValue(1)
param instanceCount int = 1

@description('Where walkthrough state lives: a storage account (managed identity, no key), a PostgreSQL Flexible Server this template creates, or one SQLite file per instance.')
@allowed([
  'AzureBlob'
  'Postgres'
  'Sqlite'
])
param stateStore string = 'AzureBlob'

@description('Administrator of the PostgreSQL server (stateStore Postgres).')
param postgresAdminLogin string = 'notesguard'

@description('Its password (stateStore Postgres); the connection string built from it is kept in Key Vault.')
@secure()
param postgresAdminPassword string = ''

param postgresSkuName string = 'Standard_B1ms'

@description('Give the web app a user-assigned managed identity for Key Vault and storage (always created for UserAssignedMSI).')
param useUserAssignedIdentity bool = false

@description('Slack signing secret; kept in Key Vault. Empty: Slack stays off.')
@secure()
param slackSigningSecret string = ''

@description('Slack bot token (xoxb-…) for a single-workspace install; kept in Key Vault.')
@secure()
param slackBotToken string = ''

var planName = '${botName}-plan'
var endpoint = 'https://${botName}.azurewebsites.net/api/messages'
var suffix = uniqueString(resourceGroup().id, botName)
var keyVaultName = 'kv-${suffix}'
var storageAccountName = 'st${suffix}'
var postgresServerName = '${botName}-pg'
var userIdentityName = '${botName}-id'
var withUserIdentity = useUserAssignedIdentity || microsoftAppType == 'UserAssignedMSI'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource userIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (withUserIdentity) {
  name: userIdentityName
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${botName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${botName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(microsoftAppPassword)) {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: microsoftAppPassword
  }
}

resource postgresConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (stateStore == 'Postgres') {
  parent: vault
  name: 'postgres-connection-string'
  properties: {
    value: 'Host=${postgresServerName}.postgres.database.azure.com;Database=notesguard;Username=${postgresAdminLogin};Password=${postgresAdminPassword};SslMode=Require'
  }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
  }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'slack-bot-token'
  properties: {
    value: slackBotToken
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = if (stateStore == 'Postgres') {
  name: postgresServerName
  location: location
  sku: {
    name: postgresSkuName
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = if (stateStore == 'Postgres') {
  parent: postgres
  name: 'notesguard'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's "allow Azure services": App Service's outbound addresses are not fixed.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (stateStore == 'Postgres') {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var keyVaultReference = 'Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='
var baseSettings = [
  {
    name: 'ASPNETCORE_ENVIRONMENT'
    value: 'Production'
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'Teams__Enabled'
    value: 'true'
  }
  {
    name: 'Teams__AppId'
    value: microsoftAppType == 'UserAssignedMSI' ? userIdentity!.properties.clientId : microsoftAppId
  }
  {
    name: 'Teams__AppType'
    value: microsoftAppType == 'UserAssignedMSI' ? 'UserAssignedManagedIdentity' : microsoftAppType
  }
  {
    name: 'Teams__TenantId'
    value: microsoftAppTenantId
  }
  {
    // Only this organisation's activities are answered and can join the practice's broadcast list, whatever the
    // app type (a multi-tenant bot would otherwise answer any organisation that installs it).
    name: 'Teams__AllowedTenantIds__0'
    value: microsoftAppTenantId
  }
  {
    name: 'Storage__Provider'
    value: stateStore
  }
  {
    name: 'Storage__DataFolder'
    value: '/home/data'
  }
  {
    name: 'Storage__AzureBlob__ServiceUri'
    value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
  }
  {
    name: 'Storage__AzureBlob__ManagedIdentityClientId'
    value: withUserIdentity ? userIdentity!.properties.clientId : ''
  }
  {
    // Teams and Slack offer the documents after a guidance card only with the bot's public address (absolute links).
    name: 'Letters__PublicBaseUrl'
    value: 'https://${botName}.azurewebsites.net'
  }
]
var appPasswordSettings = empty(microsoftAppPassword) ? [] : [
  {
    name: 'Teams__ClientSecret'
    value: '@${keyVaultReference}microsoft-app-password)'
  }
]
var postgresSettings = stateStore != 'Postgres' ? [] : [
  {
    name: 'Storage__Postgres__ConnectionString'
    value: '@${keyVaultReference}postgres-connection-string)'
  }
]
var slackSettings = concat(empty(slackSigningSecret) ? [] : [
  {
    name: 'Slack__SigningSecret'
    value: '@${keyVaultReference}slack-signing-secret)'
  }
], empty(slackBotToken) ? [] : [
  {
    name: 'Slack__BotToken'
    value: '@${keyVaultReference}slack-bot-token)'
  }
])

resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: botName
  location: location
  kind: 'app,linux'
  identity: withUserIdentity ? {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${userIdentity.id}': {}
    }
  } : {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: withUserIdentity ? userIdentity.id : 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Readiness, not liveness: an instance draining for shutdown or cut off from its store is taken out of rotation.
      healthCheckPath: '/readyz'
      appSettings: concat(baseSettings, appPasswordSettings, postgresSettings, slackSettings)
    }
  }
}

// The identity the app uses for Key Vault references and blob storage reads secrets and writes state, nothing more.
var appPrincipalId = withUserIdentity ? userIdentity!.properties.principalId : site.identity.principalId

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, botName, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, botName, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: 'NotesGuard'
    endpoint: endpoint
    msaAppId: microsoftAppType == 'UserAssignedMSI' ? userIdentity!.properties.clientId : microsoftAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppType == 'MultiTenant' ? '' : microsoftAppTenantId
    msaAppMSIResourceId: microsoftAppType == 'UserAssignedMSI' ? userIdentity.id : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output messagingEndpoint string = endpoint
output keyVaultName string = keyVaultName
output storageAccountName string = storageAccountName
// The bot's App ID (for the Teams app package: node manifests/teams/package.js --app-id): with UserAssignedMSI it is the
// client id of the identity this template creates.
output botAppId string = microsoftAppType == 'UserAssignedMSI' ? userIdentity!.properties.clientId : microsoftAppId
