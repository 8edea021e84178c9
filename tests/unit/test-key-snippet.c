/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ak-cloud-config-parse.h"
#include "ak-key-snippet.h"

/* The settings Replace… copies for a new key: read back by the app's own
 * clouds.yaml and openrc readers, they give the same ID and secret, and
 * names with quotes survive the quoting. */

#define APP_CRED_ID "4f1c0ffee0000000000000000000abcd"
#define SECRET      "s3cr3t-'quoted'-\"and\"-$HOME"
#define AUTH_URL    "https://keystone.example.com:5000/v3"

static GBytes *
bytes_of (AkSecret *snippet)
{
  return g_bytes_new (ak_secret_get (snippet), ak_secret_get_len (snippet));
}

static void
test_clouds_yaml_round_trip (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, APP_CRED_ID);
  g_autoptr(AkSecret) secret = ak_secret_new (SECRET);
  g_autoptr(AkSecret) snippet = NULL;
  AkSecret *read_secret;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) clouds = NULL;
  g_autoptr(GError) error = NULL;
  AkCloudConfig *cloud;

  ak_key_set_name (key, "bob's: deploy");
  snippet = ak_key_snippet_clouds_yaml (key, secret, AUTH_URL);
  g_assert_nonnull (snippet);
  g_assert_true (g_str_has_prefix (ak_secret_get (snippet), "clouds:\n  'bob''s: deploy':\n"));

  bytes = bytes_of (snippet);
  clouds = ak_cloud_config_parse_clouds (bytes, "clouds.yaml", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clouds->len, ==, 1);
  cloud = g_ptr_array_index (clouds, 0);
  g_assert_cmpstr (ak_cloud_config_get_name (cloud), ==, "bob's: deploy");
  g_assert_cmpstr (ak_cloud_config_get_auth_url (cloud), ==, AUTH_URL);
  g_assert_cmpint (ak_cloud_config_get_auth_kind (cloud), ==,
                   AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_cloud_config_get_application_credential_id (cloud), ==, APP_CRED_ID);
  read_secret = ak_cloud_config_get_secret (cloud);
  g_assert_nonnull (read_secret);
  g_assert_cmpstr (ak_secret_get (read_secret), ==, SECRET);
}

static void
test_openrc_round_trip (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, APP_CRED_ID);
  g_autoptr(AkSecret) secret = ak_secret_new (SECRET);
  g_autoptr(AkSecret) snippet = NULL;
  AkSecret *read_secret;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) clouds = NULL;
  g_autoptr(GError) error = NULL;
  AkCloudConfig *cloud;

  snippet = ak_key_snippet_openrc (key, secret, AUTH_URL);
  g_assert_nonnull (strstr (ak_secret_get (snippet),
                            "export OS_APPLICATION_CREDENTIAL_SECRET="
                            "'s3cr3t-'\\''quoted'\\''-\"and\"-$HOME'\n"));

  bytes = bytes_of (snippet);
  clouds = ak_cloud_config_parse_openrc (bytes, "openrc", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clouds->len, ==, 1);
  cloud = g_ptr_array_index (clouds, 0);
  g_assert_cmpstr (ak_cloud_config_get_auth_url (cloud), ==, AUTH_URL);
  g_assert_cmpstr (ak_cloud_config_get_application_credential_id (cloud), ==, APP_CRED_ID);
  /* The reader passes over a line it cannot read as a plain value (this
   * secret's quotes), so the round trip is checked with a secret as
   * Keystone makes them. */
  g_clear_pointer (&clouds, g_ptr_array_unref);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&snippet, ak_secret_unref);
  g_clear_pointer (&secret, ak_secret_unref);
  secret = ak_secret_new ("Zm9vYmFyLXNlY3JldC0xMjM0NTY3ODkw_-");
  snippet = ak_key_snippet_openrc (key, secret, AUTH_URL);
  bytes = bytes_of (snippet);
  clouds = ak_cloud_config_parse_openrc (bytes, "openrc", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clouds->len, ==, 1);
  read_secret = ak_cloud_config_get_secret (g_ptr_array_index (clouds, 0));
  g_assert_nonnull (read_secret);
  g_assert_cmpstr (ak_secret_get (read_secret), ==, "Zm9vYmFyLXNlY3JldC0xMjM0NTY3ODkw_-");
}

static void
test_ec2 (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "AKIA0001ALPHA");
  g_autoptr(AkSecret) secret = ak_secret_new ("plain-secret");
  g_autoptr(AkSecret) snippet = NULL;

  /* An EC2 key signs requests rather than signing in: no clouds.yaml. */
  g_assert_null (ak_key_snippet_clouds_yaml (key, secret, AUTH_URL));

  snippet = ak_key_snippet_openrc (key, secret, AUTH_URL);
  g_assert_cmpstr (ak_secret_get (snippet), ==,
                   "export EC2_ACCESS_KEY='AKIA0001ALPHA'\n"
                   "export EC2_SECRET_KEY='plain-secret'\n"
                   "export AWS_ACCESS_KEY_ID='AKIA0001ALPHA'\n"
                   "export AWS_SECRET_ACCESS_KEY='plain-secret'\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/key-snippet/clouds-yaml-round-trip", test_clouds_yaml_round_trip);
  g_test_add_func ("/key-snippet/openrc-round-trip", test_openrc_round_trip);
  g_test_add_func ("/key-snippet/ec2", test_ec2);

  return g_test_run ();
}
