# Creates the email-hash secret in Key Vault when the vault has none, and never touches it otherwise: a new
# value would make every registration unfindable by its owner ("one seat per address" would silently break).
# Run by infra/main.bicep as a deployment script (Azure CLI), at every deployment. Settings: VAULT_NAME,
# SECRET_NAME; RETRY_SECONDS (10) between the attempts of a vault that refuses to answer.
set -u

# The script's identity has just been given its role on the vault, which can take a few minutes to apply:
# only "not found" leads to a new secret; any other refusal is tried again, then fails the deployment.
for attempt in $(seq 1 30); do
  if answer=$(az keyvault secret show --vault-name "$VAULT_NAME" --name "$SECRET_NAME" --query id --output tsv 2>&1); then
    echo "$SECRET_NAME exists in $VAULT_NAME: kept as it is"
    exit 0
  fi

  case "$answer" in
    *SecretNotFound*)
      # 48 random bytes, 64 characters of base64: far beyond the 32 the backend requires.
      value=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
      az keyvault secret set --vault-name "$VAULT_NAME" --name "$SECRET_NAME" --value "$value" --output none || exit 1
      echo "$SECRET_NAME created in $VAULT_NAME"
      exit 0
      ;;
  esac

  echo "attempt $attempt: $answer" >&2
  sleep "${RETRY_SECONDS:-10}"
done

echo "could not tell whether $SECRET_NAME exists in $VAULT_NAME: nothing written" >&2
exit 1
