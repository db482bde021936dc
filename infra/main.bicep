// The Azure side of the site: the static site and its registration API on one origin.
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p environmentName=prod siteDomain=... (see docs/deploy.md)

@description('Short name of the environment (prod, staging...), used in resource names.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('The site\'s domain, e.g. weekend-culturel-ia.culture.gouv.fr (a .gouv.fr domain: the DSFR is reserved to the State).')
param siteDomain string

@description('Region of the resources.')
param location string = resourceGroup().location

@description('Region of the Static Web App (it exists in a few regions only).')
param staticSiteLocation string = 'westeurope'

@description('Days after the event\'s last day when personal data is deleted.')
param retentionDays int = 90

@description('The domain the e-mails are sent from, e.g. inscriptions.weekend-culturel-ia.culture.gouv.fr. Empty: a domain managed by Azure (….azurecomm.net), ready at once (docs/deploy.md).')
param mailDomain string = ''

@description('Whether the sending domain is linked to the Communication Service: a domain of your own can be linked only once its DNS records are verified (docs/deploy.md).')
param linkMailDomain bool = true

@description('Client (application) ID of the Entra application that signs in to the SMTP relay; empty until the one-time step of docs/deploy.md has made it (e-mails stay pending until then).')
param smtpApplicationId string = ''

var suffix = uniqueString(resourceGroup().id, environmentName)
var names = {
  storage: toLower('stwc${environmentName}${take(suffix, 8)}')
  plan: 'plan-wc-${environmentName}'
  functions: 'func-wc-${environmentName}-${take(suffix, 6)}'
  insights: 'appi-wc-${environmentName}'
  workspace: 'log-wc-${environmentName}'
  vault: 'kv-wc-${environmentName}-${take(suffix, 6)}'
  site: 'stapp-wc-${environmentName}'
  deployIdentity: 'id-wc-${environmentName}-deploy'
  emailService: 'ecs-wc-${environmentName}'
  communication: 'acs-wc-${environmentName}-${take(suffix, 6)}'
}

// Part of every registration's key: made once by the script below, never a parameter, never overwritten.
var emailHashKeySecretName = 'registration-email-hash-key'

// The SMTP relay's password: the Entra application's client secret, put in the vault by the one-time step of
// docs/deploy.md. Bicep cannot create an application secret; the template only refers to it by name.
var smtpPasswordSecretName = 'registration-smtp-password'

// Built-in roles: data-plane access by identity instead of account keys.
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  sku: {
    name: 'Standard_ZRS'
  }
  kind: 'StorageV2'
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource registrationsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: 'registrations'
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'function-releases'
  properties: {
    publicAccess: 'None'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableIpMasking: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

// The email-hash secret is drawn in Azure by a script that writes it only when the vault has none: a
// deployment can create it, never replace it (a new value would make every registration unfindable by its
// owner), and nobody has to handle it. The script's identity may manage the vault's secrets.
resource deployIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.deployIdentity
  location: location
}

resource deploySecretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, deployIdentity.id, roles.keyVaultSecretsOfficer)
  properties: {
    principalId: deployIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

resource emailHashKeyOnce 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: 'email-hash-key-once'
  location: location
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${deployIdentity.id}': {}
    }
  }
  properties: {
    azCliVersion: '2.52.0'
    timeout: 'PT15M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'Always'
    environmentVariables: [
      {
        name: 'VAULT_NAME'
        value: vault.name
      }
      {
        name: 'SECRET_NAME'
        value: emailHashKeySecretName
      }
    ]
    scriptContent: loadTextContent('email-hash-key-once.sh')
  }
  dependsOn: [
    deploySecretsAccess
  ]
}

// E-mail through Azure Communication Services, by its SMTP relay (the backend speaks SMTP with MailKit, so the
// ministry's own relay can replace it by settings alone). The data stays in Europe; no open or click tracking.
resource emailService 'Microsoft.Communication/emailServices@2025-09-01' = {
  name: names.emailService
  location: 'global'
  properties: {
    dataLocation: 'Europe'
  }
}

resource emailDomain 'Microsoft.Communication/emailServices/domains@2025-09-01' = {
  parent: emailService
  name: empty(mailDomain) ? 'AzureManagedDomain' : mailDomain
  location: 'global'
  properties: {
    domainManagement: empty(mailDomain) ? 'AzureManaged' : 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2025-09-01' = {
  name: names.communication
  location: 'global'
  properties: {
    dataLocation: 'Europe'
    linkedDomains: linkMailDomain ? [
      emailDomain.id
    ] : []
  }
}

var mailFromAddress = 'DoNotReply@${emailDomain.properties.mailFromSenderDomain}'

// The name the backend signs in with; the application behind it and its secret come from the one-time step.
resource smtpUsername 'Microsoft.Communication/communicationServices/smtpUsernames@2025-09-01' = if (!empty(smtpApplicationId)) {
  parent: communication
  name: 'registration'
  properties: {
    username: mailFromAddress
    entraApplicationId: smtpApplicationId
    tenantId: tenant().tenantId
  }
}

// Flex Consumption: the plan that runs .NET 10 isolated functions (Linux Consumption does not).
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: names.plan
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functions 'Microsoft.Web/sites@2024-04-01' = {
  name: names.functions
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          name: 'Registration__TableEndpoint'
          value: storage.properties.primaryEndpoints.table
        }
        {
          // By name, without a version: the app reads whatever the vault holds (the backend refuses to start
          // if the platform could not resolve it).
          name: 'Registration__EmailHashKey'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${emailHashKeySecretName})'
        }
        {
          // The private links the API writes start with it, and forms may be posted only from its origin.
          name: 'Registration__SiteUrl'
          value: 'https://${siteDomain}/'
        }
        {
          name: 'Registration__RetentionDays'
          value: string(retentionDays)
        }
        {
          name: 'Registration__RateLimitPerMinute'
          value: '20'
        }
        {
          name: 'Registration__MailFrom'
          value: 'Week-end culturel de l\'IA <${mailFromAddress}>'
        }
        {
          name: 'Registration__Smtp__Host'
          value: 'smtp.azurecomm.net'
        }
        {
          name: 'Registration__Smtp__Port'
          value: '587'
        }
        {
          name: 'Registration__Smtp__Security'
          value: 'StartTls'
        }
        {
          name: 'Registration__Smtp__Username'
          value: empty(smtpApplicationId) ? '' : mailFromAddress
        }
        {
          // By name: until the one-time step puts the secret there, the reference stays unresolved and the
          // backend keeps the e-mails pending instead of sending them without a password.
          name: 'Registration__Smtp__Password'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${smtpPasswordSecretName})'
        }
        {
          // Requests reach the app only through the Static Web App (see functionsAccess): its edge appends
          // the client's address to X-Forwarded-For, then the Function App's front end appends the edge's.
          name: 'Registration__TrustedProxies'
          value: '2'
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  // The secret its settings refer to exists before the app starts.
  dependsOn: [
    emailHashKeyOnce
  ]
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, functions.id, roles.storageTableDataContributor)
  properties: {
    principalId: functions.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource blobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, functions.id, roles.storageBlobDataOwner)
  properties: {
    principalId: functions.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource queueAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, functions.id, roles.storageQueueDataContributor)
  properties: {
    principalId: functions.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource secretAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, functions.id, roles.keyVaultSecretsUser)
  properties: {
    principalId: functions.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// The static site, with the Function App linked as its backend: /api/* on the same origin.
resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: names.site
  location: staticSiteLocation
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    stagingEnvironmentPolicy: 'Enabled'
    allowConfigFileUpdates: true
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: site
  name: 'registrations'
  properties: {
    backendResourceId: functions.id
    region: location
  }
}

// Only the Static Web App may call the Function App: the platform answers 401 to any request that does not
// carry the linked site's identity, before the functions run. Without it, anyone could call the app's own
// address directly and write whatever X-Forwarded-For they like (and skip the site's form origin).
resource functionsAccess 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functions
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
    identityProviders: {
      azureStaticWebApps: {
        enabled: true
        registration: {
          clientId: site.properties.defaultHostname
        }
      }
    }
  }
  dependsOn: [
    backend
  ]
}

resource domain 'Microsoft.Web/staticSites/customDomains@2024-04-01' = {
  parent: site
  name: siteDomain
  properties: {}
}

output staticSiteName string = site.name
output staticSiteHostname string = site.properties.defaultHostname
output functionAppName string = functions.name
output storageAccountName string = storage.name
output tableEndpoint string = storage.properties.primaryEndpoints.table
output keyVaultName string = vault.name
output communicationServiceName string = communication.name
output mailFrom string = mailFromAddress
