/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-snippet"

#include "config.h"

#include "ak-key-snippet.h"

/* What a program needs to use a new key, as text to paste into its
 * configuration: an openrc (shell) file and a clouds.yaml entry. The text
 * holds the secret, so it is an #AkSecret, wiped when it goes; the app only
 * copies it to the clipboard, never writes it to a file. */

/* 'value' for a POSIX shell: a quote inside ends, escapes and reopens. */
static void
append_shell_quoted (GString    *out,
                     const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* 'value' for YAML: a single quote is doubled. */
static void
append_yaml_quoted (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "''");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static void
append_export (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_printf (out, "export %s=", name);
  append_shell_quoted (out, value);
  g_string_append_c (out, '\n');
}

static void
append_yaml (GString    *out,
             const char *indent,
             const char *name,
             const char *value)
{
  g_string_append_printf (out, "%s%s: ", indent, name);
  append_yaml_quoted (out, value);
  g_string_append_c (out, '\n');
}

/* The text as a secret, and the working copy wiped. */
static AkSecret *
steal_as_secret (GString *out)
{
  AkSecret *snippet = ak_secret_new_len (out->str, out->len);

  ak_secret_wipe (g_string_free (out, FALSE));

  return snippet;
}

/**
 * ak_key_snippet_openrc:
 * @key: a new key
 * @secret: its secret
 * @auth_url: (nullable): the identity service's URL
 *
 * For an application credential, the OS_* variables that sign in with it;
 * for an EC2 key, the EC2_* and AWS_* variables that tools read.
 *
 * Returns: (transfer full): the lines of a shell file
 */
AkSecret *
ak_key_snippet_openrc (AkKey      *key,
                       AkSecret   *secret,
                       const char *auth_url)
{
  GString *out;

  g_return_val_if_fail (AK_IS_KEY (key), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  out = g_string_new (NULL);
  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    {
      append_export (out, "OS_AUTH_TYPE", "v3applicationcredential");
      if (auth_url != NULL)
        append_export (out, "OS_AUTH_URL", auth_url);
      append_export (out, "OS_IDENTITY_API_VERSION", "3");
      append_export (out, "OS_APPLICATION_CREDENTIAL_ID", ak_key_get_id (key));
      append_export (out, "OS_APPLICATION_CREDENTIAL_SECRET", ak_secret_get (secret));
    }
  else
    {
      append_export (out, "EC2_ACCESS_KEY", ak_key_get_id (key));
      append_export (out, "EC2_SECRET_KEY", ak_secret_get (secret));
      append_export (out, "AWS_ACCESS_KEY_ID", ak_key_get_id (key));
      append_export (out, "AWS_SECRET_ACCESS_KEY", ak_secret_get (secret));
    }

  return steal_as_secret (out);
}

/**
 * ak_key_snippet_clouds_yaml:
 * @key: a new application credential
 * @secret: its secret
 * @auth_url: (nullable): the identity service's URL
 *
 * A clouds.yaml entry that signs in with the credential, named after it.
 * EC2 keys sign requests rather than sign in, and have none.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL for an EC2 key
 */
AkSecret *
ak_key_snippet_clouds_yaml (AkKey      *key,
                            AkSecret   *secret,
                            const char *auth_url)
{
  const char *name;
  GString *out;

  g_return_val_if_fail (AK_IS_KEY (key), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  if (ak_key_get_kind (key) != AK_KEY_KIND_APPLICATION_CREDENTIAL)
    return NULL;

  name = ak_key_get_name (key);
  if (name == NULL || *name == '\0')
    name = ak_key_get_id (key);

  out = g_string_new ("clouds:\n  ");
  append_yaml_quoted (out, name);
  g_string_append (out, ":\n");
  append_yaml (out, "    ", "auth_type", "v3applicationcredential");
  g_string_append (out, "    auth:\n");
  if (auth_url != NULL)
    append_yaml (out, "      ", "auth_url", auth_url);
  append_yaml (out, "      ", "application_credential_id", ak_key_get_id (key));
  append_yaml (out, "      ", "application_credential_secret", ak_secret_get (secret));
  append_yaml (out, "    ", "identity_api_version", "3");

  return steal_as_secret (out);
}
