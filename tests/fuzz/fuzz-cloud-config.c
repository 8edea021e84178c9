/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-cloud-config"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ak-cloud-config.h"
#include "ak-cloud-config-parse.h"
#include "ak-error.h"

/* libFuzzer harness for the importer (ak-cloud-config-parse.c and
 * ak-yaml.c); run by run-fuzz.sh. Each input is read as a clouds.yaml, as
 * an openrc, and, cut at its first "\n---8<---\n", as a clouds.yaml and
 * its secure.yaml. Beyond the sanitizers it checks the parsers' contract:
 * clouds, or an AK_ERROR_INVALID whose sentence names the file, never both,
 * never neither; every cloud has a name, its values are valid UTF-8 and
 * short; and no GLib warning or critical (made fatal below). Nothing is
 * printed: inputs may hold secrets. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define check(condition) \
  G_STMT_START { if (!(condition)) abort (); } G_STMT_END

#define CUT "\n---8<---\n"

static void
check_text (const char *text)
{
  check (text == NULL ||
         (g_utf8_validate (text, -1, NULL) && strlen (text) <= AK_CLOUD_CONFIG_MAX_VALUE_LEN));
}

static void
check_result (GPtrArray  *clouds,
              GError     *error,
              const char *file)
{
  if (clouds == NULL)
    {
      check (error != NULL);
      check (error->domain == AK_ERROR);
      check (error->code == AK_ERROR_INVALID);
      check (strstr (error->message, file) != NULL);
      check (ak_error_get_detail (error) != NULL);
      check (strlen (ak_error_get_detail (error)) < 300);
      g_error_free (error);
      return;
    }

  check (error == NULL);
  for (guint i = 0; i < clouds->len; i++)
    {
      AkCloudConfig *cloud = clouds->pdata[i];
      AkSecret *secret = ak_cloud_config_get_secret (cloud);

      check (AK_IS_CLOUD_CONFIG (cloud));
      check (ak_cloud_config_get_name (cloud) != NULL);
      check (ak_cloud_config_get_path (cloud) != NULL);
      check_text (ak_cloud_config_get_name (cloud));
      check_text (ak_cloud_config_get_auth_url (cloud));
      check_text (ak_cloud_config_get_username (cloud));
      check_text (ak_cloud_config_get_user_domain (cloud));
      check_text (ak_cloud_config_get_project_name (cloud));
      check_text (ak_cloud_config_get_project_id (cloud));
      check_text (ak_cloud_config_get_region (cloud));
      check_text (ak_cloud_config_get_application_credential_id (cloud));
      check (secret == NULL || ak_secret_get_len (secret) > 0);
      (void)ak_cloud_config_is_supported (cloud);
    }
  g_ptr_array_unref (clouds);
}

static const uint8_t *
find_cut (const uint8_t *data,
          size_t         size)
{
  size_t len = strlen (CUT);

  for (size_t i = 0; i + len <= size; i++)
    if (memcmp (data + i, CUT, len) == 0)
      return data + i;

  return NULL;
}

static void
parse_all (const uint8_t *data,
           size_t         size)
{
  GBytes *bytes = g_bytes_new (data, size);
  const uint8_t *cut = find_cut (data, size);
  GError *error = NULL;
  GPtrArray *clouds;

  clouds = ak_cloud_config_parse_clouds (bytes, "/fuzz/clouds.yaml", NULL, NULL, &error);
  check_result (clouds, error, "clouds.yaml");
  error = NULL;

  clouds = ak_cloud_config_parse_openrc (bytes, "/fuzz/openrc", &error);
  check_result (clouds, error, "openrc");
  error = NULL;

  if (cut != NULL)
    {
      GBytes *first = g_bytes_new (data, cut - data);
      GBytes *second = g_bytes_new (cut + strlen (CUT), size - (cut - data) - strlen (CUT));

      clouds = ak_cloud_config_parse_clouds (first, "/fuzz/clouds.yaml",
                                             second, "/fuzz/secure.yaml", &error);
      check_result (clouds, error, ".yaml");
      g_bytes_unref (first);
      g_bytes_unref (second);
    }

  g_bytes_unref (bytes);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char warm_up[] =
    "clouds:\n  a: &a\n    auth: {auth_url: 'https://k/v3', password: x}\n  b: *a\n"
    CUT "clouds:\n  a:\n    auth: {password: y}\n";

  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* Type registrations, quarks and gettext are set up once for the
   * process; doing it here keeps them out of the first input's leak check. */
  parse_all ((const uint8_t *)warm_up, sizeof warm_up - 1);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  parse_all (data, size);

  return 0;
}
