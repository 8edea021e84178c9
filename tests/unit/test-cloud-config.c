/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cloud-config"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "ak-test-util.h"
#include "ak-cloud-config.h"
#include "ak-cloud-config-parse.h"
#include "ak-cloud-config-search.h"
#include "ak-error.h"
#include "ak-secret-private.h"

/* The importer of clouds.yaml, secure.yaml and openrc files, on files
 * shaped like real ones (tests/fixtures/cloud-config) and on broken and
 * hostile ones. */

#define INVALID_END ": this is not a valid OpenStack configuration."

/* Helpers -------------------------------------------------------------------- */

static AkCloudConfig *
find_cloud (GPtrArray  *clouds,
            const char *name)
{
  for (guint i = 0; i < clouds->len; i++)
    if (g_strcmp0 (ak_cloud_config_get_name (clouds->pdata[i]), name) == 0)
      return clouds->pdata[i];

  g_assert_not_reached ();
}

static const char *
secret_of (AkCloudConfig *cloud)
{
  AkSecret *secret = ak_cloud_config_get_secret (cloud);

  return secret != NULL ? ak_secret_get (secret) : NULL;
}

static GPtrArray *
parse_fixtures (void)
{
  g_autoptr(GBytes) clouds = ak_test_read_fixture ("cloud-config", "clouds.yaml", NULL);
  g_autoptr(GBytes) secure = ak_test_read_fixture ("cloud-config", "secure.yaml", NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  result = ak_cloud_config_parse_clouds (clouds, "/home/alice/.config/openstack/clouds.yaml",
                                         secure, "/home/alice/.config/openstack/secure.yaml",
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

/* A refusal: one sentence naming the file and line, a detail that says why
 * and does not quote the file. */
static void
assert_refused (const GError *error,
                const char   *file,
                guint         line,
                const char   *why)
{
  g_autofree char *expected = NULL;

  if (line > 0)
    expected = g_strdup_printf ("%s, line %u" INVALID_END, file, line);
  else
    expected = g_strdup_printf ("%s" INVALID_END, file);

  g_assert_error (error, AK_ERROR, AK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_nonnull (ak_error_get_detail (error));
  if (why != NULL && strstr (ak_error_get_detail (error), why) == NULL)
    g_error ("the detail “%s” does not say “%s”", ak_error_get_detail (error), why);
}

static void
assert_clouds_refused (const char *text,
                       guint       line,
                       const char *why)
{
  g_autoptr(GBytes) bytes = ak_test_bytes_from_string (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;

  clouds = ak_cloud_config_parse_clouds (bytes, "/tmp/clouds.yaml", NULL, NULL, &error);
  g_assert_null (clouds);
  assert_refused (error, "clouds.yaml", line, why);
}

static GPtrArray *
parse_string (const char *text)
{
  g_autoptr(GBytes) bytes = ak_test_bytes_from_string (text);
  g_autoptr(GError) error = NULL;
  GPtrArray *clouds;

  clouds = ak_cloud_config_parse_clouds (bytes, "clouds.yaml", NULL, NULL, &error);
  g_assert_no_error (error);

  return clouds;
}

/* clouds.yaml and secure.yaml ------------------------------------------------- */

static void
test_password_clouds (void)
{
  g_autoptr(GPtrArray) clouds = parse_fixtures ();
  AkCloudConfig *demo = find_cloud (clouds, "demo");
  AkCloudConfig *admin = find_cloud (clouds, "admin");

  /* In the file's order; the cloud only in secure.yaml comes last. */
  g_assert_cmpuint (clouds->len, ==, 7);
  g_assert_cmpstr (ak_cloud_config_get_name (clouds->pdata[0]), ==, "demo");
  g_assert_cmpstr (ak_cloud_config_get_name (clouds->pdata[6]), ==, "only-secure");

  /* Merged from the anchors, with the password from secure.yaml. */
  g_assert_cmpstr (ak_cloud_config_get_path (demo), ==,
                   "/home/alice/.config/openstack/clouds.yaml");
  g_assert_cmpstr (ak_cloud_config_get_auth_url (demo), ==,
                   "https://identity.example.com:5000/v3");
  g_assert_cmpstr (ak_cloud_config_get_username (demo), ==, "alice");
  g_assert_cmpstr (ak_cloud_config_get_user_domain (demo), ==, "Default");
  g_assert_cmpstr (ak_cloud_config_get_project_name (demo), ==, "demo");
  g_assert_null (ak_cloud_config_get_project_id (demo));
  g_assert_cmpstr (ak_cloud_config_get_project_domain (demo), ==, "Default");
  g_assert_cmpstr (ak_cloud_config_get_region (demo), ==, "RegionOne");
  g_assert_null (ak_cloud_config_get_auth_type (demo));
  g_assert_true (ak_cloud_config_is_supported (demo));
  g_assert_cmpint (ak_cloud_config_get_auth_kind (demo), ==, AK_AUTH_KIND_PASSWORD);
  g_assert_cmpstr (secret_of (demo), ==, "FAKE-alice-password");

  /* secure.yaml wins over a password in clouds.yaml; regions are a list of
   * names and mappings, the first one counts. */
  g_assert_cmpstr (secret_of (admin), ==, "FAKE-admin-password-in-secure-yaml");
  g_assert_cmpstr (ak_cloud_config_get_project_id (admin), ==,
                   "7bb4768a4784417f878371597c5d3c39");
  g_assert_null (ak_cloud_config_get_project_name (admin));
  g_assert_cmpstr (ak_cloud_config_get_region (admin), ==, "RegionOne");
  g_assert_cmpstr (ak_cloud_config_get_user_domain (admin), ==, "Default");
}

static void
test_application_credential_cloud (void)
{
  g_autoptr(GPtrArray) clouds = parse_fixtures ();
  AkCloudConfig *ci = find_cloud (clouds, "ci");
  gboolean has_secret = FALSE;
  AkAuthKind kind;

  g_assert_cmpstr (ak_cloud_config_get_auth_type (ci), ==, "v3applicationcredential");
  g_assert_true (ak_cloud_config_is_supported (ci));
  g_assert_cmpint (ak_cloud_config_get_auth_kind (ci), ==, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_cloud_config_get_application_credential_id (ci), ==,
                   "bfddfb184ad4419f966e1127d3f4cd51");
  g_assert_cmpstr (secret_of (ci), ==, "FAKE_application_credential_secret_ci");
  g_assert_null (ak_cloud_config_get_username (ci));

  /* The properties say a secret is there, never what it is. */
  g_object_get (ci, "has-secret", &has_secret, "auth-kind", &kind, NULL);
  g_assert_true (has_secret);
  g_assert_cmpint (kind, ==, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (ci), "secret"));
}

static void
test_other_shapes (void)
{
  g_autoptr(GPtrArray) clouds = parse_fixtures ();
  AkCloudConfig *legacy = find_cloud (clouds, "legacy");
  AkCloudConfig *vendor = find_cloud (clouds, "vendor");
  AkCloudConfig *sso = find_cloud (clouds, "sso");
  AkCloudConfig *only = find_cloud (clouds, "only-secure");

  /* "auth-url" is "auth_url"; tenant_name is the project; the default
   * domain's ID is its name. */
  g_assert_cmpstr (ak_cloud_config_get_auth_url (legacy), ==, "https://old.example.com:5000/v3");
  g_assert_cmpstr (ak_cloud_config_get_project_name (legacy), ==, "legacy");
  g_assert_cmpstr (ak_cloud_config_get_user_domain (legacy), ==, "Default");
  g_assert_cmpstr (ak_cloud_config_get_project_domain (legacy), ==, "Default");
  g_assert_null (secret_of (legacy));

  /* A profile is named but not read: no address. */
  g_assert_cmpstr (ak_cloud_config_get_profile (vendor), ==, "vexxhost");
  g_assert_null (ak_cloud_config_get_auth_url (vendor));
  g_assert_cmpstr (ak_cloud_config_get_username (vendor), ==, "carol");

  /* Listed, but not a way the app signs in. */
  g_assert_cmpstr (ak_cloud_config_get_auth_type (sso), ==, "v3oidcpassword");
  g_assert_false (ak_cloud_config_is_supported (sso));

  /* A cloud only in secure.yaml comes from there. */
  g_assert_cmpstr (ak_cloud_config_get_path (only), ==,
                   "/home/alice/.config/openstack/secure.yaml");
  g_assert_cmpstr (ak_cloud_config_get_username (only), ==, "erin");
  g_assert_cmpstr (secret_of (only), ==, "FAKE-erin-password");
}

static void
test_without_secure (void)
{
  g_autoptr(GBytes) bytes = ak_test_read_fixture ("cloud-config", "clouds.yaml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;

  clouds = ak_cloud_config_parse_clouds (bytes, "clouds.yaml", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clouds->len, ==, 6);
  g_assert_null (secret_of (find_cloud (clouds, "demo")));
  g_assert_cmpstr (secret_of (find_cloud (clouds, "admin")), ==,
                   "FAKE-admin-password-in-clouds-yaml");
}

static void
test_anchors_and_aliases (void)
{
  g_autoptr(GPtrArray) clouds = NULL;
  AkCloudConfig *b;

  clouds = parse_string ("base: &base\n"
                         "  auth_url: https://a.example.com/v3\n"
                         "  username: first\n"
                         "more: &more\n"
                         "  username: second\n"
                         "  project_name: p\n"
                         "name: &n bob\n"
                         "clouds:\n"
                         "  a:\n"
                         "    auth: *base\n"
                         "  b:\n"
                         "    auth:\n"
                         "      <<: [*base, *more]\n"
                         "      user_domain_name: *n\n"
                         "  c: {auth: {<<: *more, username: third}}\n"
                         "  c: {auth: {username: last-one-counts}}\n");
  g_assert_cmpuint (clouds->len, ==, 3);
  g_assert_cmpstr (ak_cloud_config_get_username (find_cloud (clouds, "a")), ==, "first");
  /* The first mapping merged wins, then the next. */
  b = find_cloud (clouds, "b");
  g_assert_cmpstr (ak_cloud_config_get_username (b), ==, "first");
  g_assert_cmpstr (ak_cloud_config_get_project_name (b), ==, "p");
  g_assert_cmpstr (ak_cloud_config_get_user_domain (b), ==, "bob");
  /* A repeated key: the last one, as PyYAML reads it. */
  g_assert_cmpstr (ak_cloud_config_get_username (find_cloud (clouds, "c")), ==,
                   "last-one-counts");
}

static void
test_json_and_empty (void)
{
  g_autoptr(GPtrArray) json = NULL;
  const char *empty[] = { "", "# nothing\n", "clouds:\n", "clouds: ~\n", "---\n", "other: 1\n" };

  json = parse_string ("{\"clouds\": {\"j\": {\"auth\": {\"auth_url\": \"https://j/v3\", "
                       "\"username\": \"u\", \"password\": \"FAKE-p\"}}}}");
  g_assert_cmpuint (json->len, ==, 1);
  g_assert_cmpstr (secret_of (json->pdata[0]), ==, "FAKE-p");

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GPtrArray) clouds = parse_string (empty[i]);

      g_assert_cmpuint (clouds->len, ==, 0);
    }
}

static void
test_malformed (void)
{
  assert_clouds_refused ("clouds:\n  a:\n    auth: [\n", 4, NULL);
  assert_clouds_refused ("- a\n- b\n", 1, "not a mapping");
  assert_clouds_refused ("clouds:\n  - a\n", 2, "“clouds” is not a mapping");
  assert_clouds_refused ("clouds:\n  a: just text\n", 2, "a cloud is not a mapping");
  assert_clouds_refused ("clouds:\n  a:\n    auth: text\n", 3, "“auth” is not a mapping");
  assert_clouds_refused ("clouds:\n  a:\n    auth:\n      username: [x]\n", 4, "not text");
  assert_clouds_refused ("clouds:\n  a:\n    regions: RegionOne\n", 3, "not a list");
  assert_clouds_refused ("clouds:\n  a:\n    regions: [{values: {}}]\n", 3, "no name");
  assert_clouds_refused ("clouds:\n  a:\n    auth: *nowhere\n", 3, "names no anchor");
  /* An alias inside the node it names: a loop. */
  assert_clouds_refused ("clouds: &c\n  a: *c\n", 2, "names no anchor");
  assert_clouds_refused ("clouds: {}\n---\nclouds: {}\n", 3, "more than one document");
  assert_clouds_refused ("clouds:\n  a:\n    <<: text\n", 3, "merge key");
  assert_clouds_refused ("clouds:\n  a:\n    auth:\n      username: \"x\\0y\"\n", 4,
                         "not valid text");
  /* What would look like another name in the list. */
  assert_clouds_refused ("clouds:\n  a:\n    auth:\n      username: \"alice\\u202e\"\n", 4,
                         "control characters");
  assert_clouds_refused ("clouds:\n  a:\n    auth:\n      username: \"a\\nb\"\n", 4,
                         "control characters");
  assert_clouds_refused ("clouds:\n  \"bad\\tname\": {}\n", 0, "control characters");
  assert_clouds_refused ("clouds:\n  ? [a, b]\n  : {}\n", 2, "name is not text");
}

static void
test_secure_malformed (void)
{
  g_autoptr(GBytes) clouds_bytes = ak_test_read_fixture ("cloud-config", "clouds.yaml", NULL);
  g_autoptr(GBytes) secure = ak_test_bytes_from_string ("clouds:\n  demo:\n    auth:\n"
                                                "      password: [1, 2]\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;

  /* The sentence names the file the problem is in. */
  clouds = ak_cloud_config_parse_clouds (clouds_bytes, "/x/clouds.yaml", secure,
                                         "/x/secure.yaml", &error);
  g_assert_null (clouds);
  assert_refused (error, "secure.yaml", 4, "not text");
}

/* Hostile input -------------------------------------------------------------- */

static void
test_too_large (void)
{
  gsize len = AK_CLOUD_CONFIG_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;

  memset (text, '#', len);
  bytes = g_bytes_new (text, len);

  clouds = ak_cloud_config_parse_clouds (bytes, "/x/clouds.yaml", NULL, NULL, &error);
  g_assert_null (clouds);
  g_assert_error (error, AK_ERROR, AK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "clouds.yaml is too large to be an OpenStack "
                                       "configuration.");
  g_clear_error (&error);

  clouds = ak_cloud_config_parse_openrc (bytes, "/x/openrc", &error);
  g_assert_null (clouds);
  g_assert_cmpstr (error->message, ==, "openrc is too large to be an OpenStack configuration.");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) flow = g_string_new ("clouds:\n  a: ");
  g_autoptr(GString) block = g_string_new ("clouds:\n");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (flow, '[');
  assert_clouds_refused (flow->str, 2, "nests too deep");

  for (guint i = 0; i < 200; i++)
    {
      for (guint j = 0; j <= i; j++)
        g_string_append (block, "  ");
      g_string_append_printf (block, "k%u:\n", i);
    }
  /* Each line opens one more mapping: the 65th, on line 65, is one too many. */
  assert_clouds_refused (block->str, 65, "nests too deep");
}

static void
test_alias_bomb (void)
{
  g_autoptr(GString) bomb = g_string_new ("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\","
                                          " \"lol\", \"lol\", \"lol\", \"lol\"]\n");

  /* The billion laughs: each level nine aliases of the one before. */
  for (char c = 'b'; c <= 'i'; c++)
    g_string_append_printf (bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                            c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  g_string_append (bomb, "clouds:\n  x:\n    auth:\n      username: *i\n");

  /* Refused where the copies run out (line 6), long before memory does. */
  assert_clouds_refused (bomb->str, 6, "too many values");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GBytes) bytes = ak_test_bytes_from_string ("clouds:\n  a:\n    auth: {username: \"\xff\"}\n");
  g_autoptr(GBytes) openrc = ak_test_bytes_from_string ("# fine\nexport OS_USERNAME=al\xc3ice\n");
  g_autoptr(GBytes) nul = g_bytes_new ("clouds:\n\0", 9);
  g_autoptr(GBytes) utf16 = g_bytes_new ("\xff\xfe" "c\0l\0", 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;

  clouds = ak_cloud_config_parse_clouds (bytes, "clouds.yaml", NULL, NULL, &error);
  g_assert_null (clouds);
  assert_refused (error, "clouds.yaml", 3, "UTF-8");
  g_clear_error (&error);

  clouds = ak_cloud_config_parse_openrc (openrc, "/x/demo-openrc.sh", &error);
  g_assert_null (clouds);
  assert_refused (error, "demo-openrc.sh", 2, "UTF-8");
  g_clear_error (&error);

  clouds = ak_cloud_config_parse_clouds (nul, "clouds.yaml", NULL, NULL, &error);
  g_assert_null (clouds);
  assert_refused (error, "clouds.yaml", 2, "UTF-8");
  g_clear_error (&error);

  /* libyaml would read UTF-16; only UTF-8 is taken. */
  clouds = ak_cloud_config_parse_clouds (utf16, "clouds.yaml", NULL, NULL, &error);
  g_assert_null (clouds);
  assert_refused (error, "clouds.yaml", 1, "UTF-8");
}

/* Many clouds are refused where the limit is passed; a large mapping merged
 * in is read whole. How long that takes is not asserted here (the machine's
 * load moves it by 2x): a parser that hung would meet meson's timeout. */
static void
test_large (void)
{
  g_autoptr(GString) many = g_string_new ("clouds:\n");
  g_autoptr(GString) merge = g_string_new ("big: &big\n");
  g_autoptr(GPtrArray) clouds = NULL;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (many, "  c%u: {}\n", i);
  assert_clouds_refused (many->str, 2, "too many clouds");

  /* A large mapping merged, then merged again over many keys of its own. */
  for (guint i = 0; i < 15000; i++)
    g_string_append_printf (merge, "  k%u: v\n", i);
  g_string_append (merge, "clouds:\n  a:\n    <<: *big\n    auth: {username: u}\n");
  clouds = parse_string (merge->str);
  g_assert_cmpuint (clouds->len, ==, 1);
  g_assert_cmpstr (ak_cloud_config_get_username (clouds->pdata[0]), ==, "u");
}

static void
test_long_value (void)
{
  g_autofree char *name = g_strnfill (AK_CLOUD_CONFIG_MAX_VALUE_LEN + 1, 'x');
  g_autofree char *text = g_strdup_printf ("clouds:\n  a:\n    auth:\n      username: %s\n", name);

  assert_clouds_refused (text, 4, "too long");
}

/* openrc --------------------------------------------------------------------- */

static void
test_openrc_horizon (void)
{
  g_autoptr(GBytes) bytes = ak_test_read_fixture ("cloud-config", "demo-openrc.sh", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;
  AkCloudConfig *cloud;

  clouds = ak_cloud_config_parse_openrc (bytes, "/home/alice/Downloads/demo-openrc.sh", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clouds->len, ==, 1);
  cloud = clouds->pdata[0];

  g_assert_cmpstr (ak_cloud_config_get_name (cloud), ==, "demo-openrc.sh");
  g_assert_cmpstr (ak_cloud_config_get_path (cloud), ==, "/home/alice/Downloads/demo-openrc.sh");
  g_assert_cmpstr (ak_cloud_config_get_auth_url (cloud), ==,
                   "https://identity.example.com:5000/v3");
  g_assert_cmpstr (ak_cloud_config_get_username (cloud), ==, "alice");
  g_assert_cmpstr (ak_cloud_config_get_user_domain (cloud), ==, "Default");
  g_assert_cmpstr (ak_cloud_config_get_project_name (cloud), ==, "demo");
  g_assert_cmpstr (ak_cloud_config_get_project_id (cloud), ==,
                   "f06b499baa7443ecb83c687ac3cba494");
  g_assert_cmpstr (ak_cloud_config_get_project_domain (cloud), ==, "Default");
  g_assert_cmpstr (ak_cloud_config_get_region (cloud), ==, "RegionOne");
  g_assert_cmpint (ak_cloud_config_get_auth_kind (cloud), ==, AK_AUTH_KIND_PASSWORD);
  /* The password is asked for with `read`, which is never run. */
  g_assert_null (ak_cloud_config_get_secret (cloud));
}

static void
test_openrc_quotes (void)
{
  g_autoptr(GBytes) bytes = ak_test_read_fixture ("cloud-config", "app-cred-openrc.sh", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;
  AkCloudConfig *cloud;

  clouds = ak_cloud_config_parse_openrc (bytes, "app-cred-openrc.sh", &error);
  g_assert_no_error (error);
  cloud = clouds->pdata[0];

  g_assert_cmpint (ak_cloud_config_get_auth_kind (cloud), ==, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_cloud_config_get_auth_url (cloud), ==,
                   "https://identity.example.com:5000/v3");
  g_assert_cmpstr (ak_cloud_config_get_application_credential_id (cloud), ==,
                   "bfddfb184ad4419f966e1127d3f4cd51");
  g_assert_cmpstr (secret_of (cloud), ==, "FAKE secret with \"quotes\" and $dollars");
  /* Commands are passed over, not run. */
  g_assert_null (ak_cloud_config_get_username (cloud));
  g_assert_null (ak_cloud_config_get_project_name (cloud));
}

static void
test_openrc_words (void)
{
  static const struct
  {
    const char *line;
    const char *username;
  } cases[] = {
    { "OS_USERNAME=plain", "plain" },
    { "export OS_USERNAME=\"double quoted\"", "double quoted" },
    { "export OS_USERNAME='single $quoted'", "single $quoted" },
    { "export OS_USERNAME=\"esc\\\"aped\\\\\"", "esc\"aped\\" },
    { "  export   OS_USERNAME=mi'x'\"ed\"   # a comment", "mixed" },
    { "export OS_USERNAME=back\\ slash", "back slash" },
    { "export OS_USERNAME=hash#inside", "hash#inside" },
    { "export OS_USERNAME=\"$HOME\"", NULL },
    { "export OS_USERNAME=$(id -un)", NULL },
    { "export OS_USERNAME=a;b", NULL },
    { "export OS_USERNAME=a b", NULL },
    { "export OS_USERNAME='unterminated", NULL },
    { "export OS_USERNAME=x > /tmp/y", NULL },
    { "OS_USERNAME=x command", NULL },
    { "eval OS_USERNAME=x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("export OS_AUTH_URL=https://k/v3\n%s\n",
                                               cases[i].line);
      g_autoptr(GBytes) bytes = ak_test_bytes_from_string (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) clouds = NULL;

      clouds = ak_cloud_config_parse_openrc (bytes, "openrc", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ak_cloud_config_get_username (clouds->pdata[0]), ==, cases[i].username);
    }
}

static void
test_openrc_unset_and_none (void)
{
  g_autoptr(GBytes) unset = ak_test_bytes_from_string ("export OS_AUTH_URL=https://k/v3\n"
                                               "export OS_PASSWORD=FAKE-x\n"
                                               "unset OS_PASSWORD OS_OTHER\n");
  g_autoptr(GBytes) none = ak_test_bytes_from_string ("#!/bin/sh\necho hello\nexport PATH=/bin\n");
  g_autoptr(GBytes) control = ak_test_bytes_from_string ("export OS_AUTH_URL=https://k/v3\n"
                                                 "export OS_USERNAME=\"a\x1b[2Jb\"\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clouds = NULL;

  clouds = ak_cloud_config_parse_openrc (unset, "openrc", &error);
  g_assert_no_error (error);
  g_assert_null (ak_cloud_config_get_secret (clouds->pdata[0]));
  g_clear_pointer (&clouds, g_ptr_array_unref);

  clouds = ak_cloud_config_parse_openrc (none, "/x/notes.sh", &error);
  g_assert_null (clouds);
  assert_refused (error, "notes.sh", 0, "OS_AUTH_URL");
  g_clear_error (&error);

  clouds = ak_cloud_config_parse_openrc (control, "/x/openrc", &error);
  g_assert_null (clouds);
  assert_refused (error, "openrc", 2, "control characters");
}

/* Secrets are wiped ------------------------------------------------------------ */

typedef struct
{
  guint    wiped;
  gboolean all_zero;
} WipeLog;

static void
wipe_hook (const char *wiped,
           gsize       len,
           gpointer    user_data)
{
  WipeLog *log = user_data;

  log->wiped++;
  for (gsize i = 0; i < len; i++)
    log->all_zero &= wiped[i] == '\0';
}

static void
test_secret_wiped (void)
{
  WipeLog log = { 0, TRUE };
  GPtrArray *clouds = parse_fixtures ();

  _ak_secret_set_wipe_hook (wipe_hook, &log);
  /* demo, admin, ci and only-secure hold a secret. */
  g_ptr_array_unref (clouds);
  _ak_secret_set_wipe_hook (NULL, NULL);

  g_assert_cmpuint (log.wiped, ==, 4);
  g_assert_true (log.all_zero);
}

/* Finding the files ---------------------------------------------------------- */

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
one_cloud (const char *name)
{
  return g_strdup_printf ("clouds:\n  %s:\n    auth: {auth_url: 'https://%s/v3'}\n", name, name);
}

static GPtrArray *
find_sync (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *clouds = ak_cloud_config_find (NULL, &error);

  g_assert_no_error (error);

  return clouds;
}

static void
test_search_order (void)
{
  g_autofree char *old_cwd = g_get_current_dir ();
  g_autofree char *tmp = g_dir_make_tmp ("ak-cloud-config-XXXXXX", NULL);
  g_autofree char *cwd = g_build_filename (tmp, "work", NULL);
  g_autofree char *env_file = g_build_filename (tmp, "elsewhere", "mine.yaml", NULL);
  g_autofree char *user = g_build_filename (g_get_user_config_dir (), "openstack", NULL);
  g_autofree char *user_cloud = one_cloud ("user");
  g_autofree char *cwd_cloud = one_cloud ("cwd");
  g_autofree char *env_cloud = one_cloud ("env");
  g_auto(GStrv) paths = NULL;
  g_autoptr(GPtrArray) clouds = NULL;
  g_autofree char *expected = NULL;

  g_unsetenv ("OS_CLIENT_CONFIG_FILE");
  g_unsetenv ("OS_CLIENT_SECURE_FILE");
  g_mkdir_with_parents (cwd, 0700);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  /* The list itself: the variable, then the folders in openstacksdk's order. */
  g_setenv ("OS_CLIENT_CONFIG_FILE", env_file, TRUE);
  paths = ak_cloud_config_search_paths (AK_CLOUD_CONFIG_FILE_CLOUDS);
  g_assert_cmpstr (paths[0], ==, env_file);
  expected = g_build_filename (cwd, "clouds.yaml", NULL);
  g_assert_cmpstr (paths[1], ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (user, "clouds.yaml", NULL);
  g_assert_cmpstr (paths[4], ==, expected);
  g_assert_cmpstr (paths[g_strv_length (paths) - 3], ==, "/etc/openstack/clouds.yaml");
  g_unsetenv ("OS_CLIENT_CONFIG_FILE");

  /* Nothing yet (unless this machine has an /etc/openstack). */
  if (!g_file_test ("/etc/openstack", G_FILE_TEST_EXISTS))
    {
      clouds = find_sync ();
      g_assert_cmpuint (clouds->len, ==, 0);
      g_clear_pointer (&clouds, g_ptr_array_unref);
    }

  /* The user's config folder, with its secure.yaml. */
  write_file (user, "clouds.yaml", user_cloud);
  write_file (user, "secure.yaml", "clouds:\n  user:\n    auth: {password: FAKE-user}\n");
  clouds = find_sync ();
  g_assert_cmpuint (clouds->len, ==, 1);
  g_assert_cmpstr (ak_cloud_config_get_name (clouds->pdata[0]), ==, "user");
  g_assert_cmpstr (secret_of (clouds->pdata[0]), ==, "FAKE-user");
  g_clear_pointer (&clouds, g_ptr_array_unref);

  /* The current folder before it: only the first clouds.yaml found is
   * read; the secure.yaml found still adds what it names, as in
   * openstacksdk. */
  write_file (cwd, "clouds.yml", cwd_cloud);
  clouds = find_sync ();
  g_assert_cmpuint (clouds->len, ==, 2);
  g_assert_cmpstr (ak_cloud_config_get_name (clouds->pdata[0]), ==, "cwd");
  g_assert_null (ak_cloud_config_get_secret (clouds->pdata[0]));
  g_assert_cmpstr (ak_cloud_config_get_name (clouds->pdata[1]), ==, "user");
  g_assert_null (ak_cloud_config_get_auth_url (clouds->pdata[1]));
  g_clear_pointer (&clouds, g_ptr_array_unref);

  /* $OS_CLIENT_CONFIG_FILE first of all. */
  {
    g_autofree char *env_dir = g_path_get_dirname (env_file);

    write_file (env_dir, "mine.yaml", env_cloud);
  }
  g_setenv ("OS_CLIENT_CONFIG_FILE", env_file, TRUE);
  clouds = find_sync ();
  g_assert_cmpstr (ak_cloud_config_get_name (clouds->pdata[0]), ==, "env");
  g_assert_cmpstr (ak_cloud_config_get_path (clouds->pdata[0]), ==, env_file);
  g_clear_pointer (&clouds, g_ptr_array_unref);
  g_unsetenv ("OS_CLIENT_CONFIG_FILE");

  /* A broken file is said, not passed over. */
  write_file (cwd, "clouds.yml", "clouds:\n  x: [\n");
  {
    g_autoptr(GError) error = NULL;

    clouds = ak_cloud_config_find (NULL, &error);
    g_assert_null (clouds);
    assert_refused (error, "clouds.yml", 3, NULL);
  }

  g_assert_cmpint (g_chdir (old_cwd), ==, 0);
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
test_load_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ak-cloud-config-XXXXXX", NULL);
  g_autofree char *clouds_path = g_build_filename (dir, "clouds.yaml", NULL);
  g_autofree char *openrc_path = g_build_filename (dir, "project-openrc.sh", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.yaml", NULL);
  g_autofree char *cloud = one_cloud ("picked");
  g_autoptr(GFile) clouds_file = g_file_new_for_path (clouds_path);
  g_autoptr(GFile) openrc_file = g_file_new_for_path (openrc_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) clouds = NULL;
  g_autoptr(GError) error = NULL;

  write_file (dir, "clouds.yaml", cloud);
  write_file (dir, "secure.yaml", "clouds:\n  picked:\n    auth: {password: FAKE-picked}\n");
  write_file (dir, "project-openrc.sh", "export OS_AUTH_URL=https://rc/v3\n");

  /* A clouds.yaml picked, with the secure.yaml beside it, in a thread. */
  ak_cloud_config_load_file_async (clouds_file, NULL, find_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  clouds = ak_cloud_config_load_file_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clouds->len, ==, 1);
  g_assert_cmpstr (secret_of (clouds->pdata[0]), ==, "FAKE-picked");
  g_clear_pointer (&clouds, g_ptr_array_unref);
  g_clear_object (&result);

  /* Any other name is read as an openrc. */
  clouds = ak_cloud_config_load_file (openrc_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_cloud_config_get_auth_url (clouds->pdata[0]), ==, "https://rc/v3");
  g_clear_pointer (&clouds, g_ptr_array_unref);

  clouds = ak_cloud_config_load_file (missing, NULL, &error);
  g_assert_null (clouds);
  g_assert_error (error, AK_ERROR, AK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "missing.yaml could not be read.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cloud-config/clouds/password", test_password_clouds);
  g_test_add_func ("/cloud-config/clouds/application-credential",
                   test_application_credential_cloud);
  g_test_add_func ("/cloud-config/clouds/other-shapes", test_other_shapes);
  g_test_add_func ("/cloud-config/clouds/without-secure", test_without_secure);
  g_test_add_func ("/cloud-config/clouds/anchors-and-aliases", test_anchors_and_aliases);
  g_test_add_func ("/cloud-config/clouds/json-and-empty", test_json_and_empty);
  g_test_add_func ("/cloud-config/clouds/malformed", test_malformed);
  g_test_add_func ("/cloud-config/clouds/secure-malformed", test_secure_malformed);
  g_test_add_func ("/cloud-config/hostile/too-large", test_too_large);
  g_test_add_func ("/cloud-config/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/cloud-config/hostile/alias-bomb", test_alias_bomb);
  g_test_add_func ("/cloud-config/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/cloud-config/hostile/long-value", test_long_value);
  g_test_add_func ("/cloud-config/hostile/large", test_large);
  g_test_add_func ("/cloud-config/openrc/horizon", test_openrc_horizon);
  g_test_add_func ("/cloud-config/openrc/quotes", test_openrc_quotes);
  g_test_add_func ("/cloud-config/openrc/words", test_openrc_words);
  g_test_add_func ("/cloud-config/openrc/unset-and-none", test_openrc_unset_and_none);
  g_test_add_func ("/cloud-config/secret-wiped", test_secret_wiped);
  g_test_add_func ("/cloud-config/search/order", test_search_order);
  g_test_add_func ("/cloud-config/search/load-file", test_load_file);

  return g_test_run ();
}
