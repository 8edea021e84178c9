/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-key-csv"

#include "config.h"

#include <string.h>

#include "ak-key.h"
#include "ak-key-csv.h"
#include "ak-test-provider.h"
#include "ak-test-util.h"

/* The CSV a person opens in a spreadsheet after Export Keys…: each key one
 * row of the same seven columns whatever its text holds, nothing a
 * spreadsheet would run, no hidden direction change, and no secret. */

#define HEADER "ID,Kind,Name,Owner,Project,Expires,Flags\r\n"

static char *
csv_of (AkKey *key)
{
  g_autoptr(GListStore) store = g_list_store_new (AK_TYPE_KEY);
  g_autofree char *csv = NULL;
  gsize length = 0;

  if (key != NULL)
    g_list_store_append (store, key);
  csv = ak_key_csv_format (G_LIST_MODEL (store), &length);
  g_assert_cmpuint (length, ==, strlen (csv));
  g_assert_true (g_str_has_prefix (csv, HEADER));

  return g_steal_pointer (&csv);
}

/* The row after the header, without its CRLF. */
static char *
row_of (AkKey *key)
{
  g_autofree char *csv = csv_of (key);
  const char *row = csv + strlen (HEADER);

  g_assert_true (g_str_has_suffix (row, "\r\n"));

  return g_strndup (row, strlen (row) - 2);
}

static AkKey *
named_key (const char *name)
{
  AkKey *key = ak_key_new (AK_KEY_KIND_APPLICATION_CREDENTIAL, "0123abcd");

  ak_key_set_user_id (key, "u1");
  ak_key_set_user_name (key, "alice");
  ak_key_set_project_id (key, "p1");
  ak_key_set_project_name (key, "web");
  ak_key_set_name (key, name);

  return key;
}

static void
assert_name_field (const char *name,
                   const char *expected_row)
{
  g_autoptr(AkKey) key = named_key (name);
  g_autofree char *row = row_of (key);

  g_assert_cmpstr (row, ==, expected_row);
}

static void
test_header_only (void)
{
  g_autofree char *csv = csv_of (NULL);

  g_assert_cmpstr (csv, ==, HEADER);
}

static void
test_plain_and_empty_fields (void)
{
  g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, "AKIA0001");
  g_autofree char *row = NULL;

  /* An EC2 key without a name, an owner name or an expiry: empty fields,
   * still seven of them; the owner and project by ID when no name is
   * known. */
  ak_key_set_user_id (key, "f00d");
  ak_key_set_project_id (key, "beef");
  row = row_of (key);
  g_assert_cmpstr (row, ==, "AKIA0001,ec2,,f00d,beef,,");

  assert_name_field ("nightly backup",
                     "0123abcd,application-credential,nightly backup,alice,web,,");
}

static void
test_commas_quotes_newlines (void)
{
  assert_name_field ("backup, nightly",
                     "0123abcd,application-credential,\"backup, nightly\",alice,web,,");
  assert_name_field ("the \"big\" one",
                     "0123abcd,application-credential,\"the \"\"big\"\" one\",alice,web,,");
  assert_name_field ("two\nlines",
                     "0123abcd,application-credential,\"two\nlines\",alice,web,,");
  assert_name_field ("cr\r\nlf",
                     "0123abcd,application-credential,\"cr\r\nlf\",alice,web,,");
}

static void
test_formula_injection (void)
{
  assert_name_field ("=HYPERLINK(\"http://evil\")",
                     "0123abcd,application-credential,"
                     "\"'=HYPERLINK(\"\"http://evil\"\")\",alice,web,,");
  assert_name_field ("+1", "0123abcd,application-credential,\"'+1\",alice,web,,");
  assert_name_field ("-2+3", "0123abcd,application-credential,\"'-2+3\",alice,web,,");
  assert_name_field ("@SUM(A1)", "0123abcd,application-credential,\"'@SUM(A1)\",alice,web,,");
  assert_name_field ("\tcmd", "0123abcd,application-credential,\"'\tcmd\",alice,web,,");
  assert_name_field ("\rcmd", "0123abcd,application-credential,\"'\rcmd\",alice,web,,");
  /* Only at the start: a sign inside a name is text. */
  assert_name_field ("a=b", "0123abcd,application-credential,a=b,alice,web,,");

  /* Any column: an owner's name is someone's choice too. */
  {
    g_autoptr(AkKey) key = named_key ("ok");
    g_autofree char *row = NULL;

    ak_key_set_user_name (key, "=cmd|' /C calc'!A0");
    row = row_of (key);
    g_assert_cmpstr (row, ==,
                     "0123abcd,application-credential,ok,\"'=cmd|' /C calc'!A0\",web,,");
  }
}

static void
test_bidi_controls (void)
{
  /* RIGHT-TO-LEFT OVERRIDE would show "backup-exe.txt" as "backup-txt.exe"
   * and reverse the fields after it in a text editor: written visibly. */
  assert_name_field ("backup-\u202Etxt.exe",
                     "0123abcd,application-credential,\"backup-<U+202E>txt.exe\",alice,web,,");
  assert_name_field ("\u2066a\u2069 \u200Fb\u200E \u202Ac\u202C",
                     "0123abcd,application-credential,"
                     "\"<U+2066>a<U+2069> <U+200F>b<U+200E> <U+202A>c<U+202C>\",alice,web,,");
  /* Right-to-left text without controls is text, as it is. */
  assert_name_field ("גיבוי ליلي",
                     "0123abcd,application-credential,גיבוי ליلي,alice,web,,");
}

static void
test_expiry_and_flags (void)
{
  g_autoptr(AkKey) key = named_key ("old");
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) expires = g_date_time_new (tz, 2027, 3, 2, 12, 30, 0);
  g_autofree char *row = NULL;

  /* In UTC whatever the zone it came in. */
  ak_key_set_expires_at (key, expires);
  ak_key_set_flags (key, AK_KEY_FLAGS_EXPIRED | AK_KEY_FLAGS_UNRESTRICTED |
                         AK_KEY_FLAGS_TOO_MANY);
  row = row_of (key);
  g_assert_cmpstr (row, ==,
                   "0123abcd,application-credential,old,alice,web,2027-03-02T10:30:00Z,"
                   "expired;unrestricted;too-many");
}

static void
test_many_rows (void)
{
  g_autoptr(GListStore) store = g_list_store_new (AK_TYPE_KEY);
  g_autofree char *csv = NULL;
  g_auto(GStrv) rows = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("id%u", i);
      g_autoptr(AkKey) key = ak_key_new (AK_KEY_KIND_EC2, id);

      g_list_store_append (store, key);
    }
  csv = ak_key_csv_format (G_LIST_MODEL (store), NULL);
  rows = g_strsplit (csv, "\r\n", -1);
  /* The header, three keys in order, and the empty rest after the last. */
  g_assert_cmpuint (g_strv_length (rows), ==, 5);
  g_assert_cmpstr (rows[1], ==, "id0,ec2,,,,,");
  g_assert_cmpstr (rows[3], ==, "id2,ec2,,,,,");
  g_assert_cmpstr (rows[4], ==, "");
}

static void
test_no_secret (void)
{
  g_autoptr(AkTestProvider) provider =
    ak_test_provider_new (AK_PROVIDER_FEATURE_CREATE_EC2 |
                          AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS);
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkKey) key = NULL;
  g_autofree char *csv = NULL;

  key = ak_test_create_key (AK_PROVIDER (provider), AK_KEY_KIND_APPLICATION_CREDENTIAL,
                            "made here", "with a secret", NULL, &secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_assert_cmpuint (ak_secret_get_len (secret), >, 0);

  csv = csv_of (key);
  g_assert_nonnull (strstr (csv, ak_key_get_id (key)));
  g_assert_null (strstr (csv, ak_secret_get (secret)));
  g_assert_null (strstr (csv, AK_TEST_PROVIDER_SECRET));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/key-csv/header-only", test_header_only);
  g_test_add_func ("/key-csv/plain-and-empty-fields", test_plain_and_empty_fields);
  g_test_add_func ("/key-csv/commas-quotes-newlines", test_commas_quotes_newlines);
  g_test_add_func ("/key-csv/formula-injection", test_formula_injection);
  g_test_add_func ("/key-csv/bidi-controls", test_bidi_controls);
  g_test_add_func ("/key-csv/expiry-and-flags", test_expiry_and_flags);
  g_test_add_func ("/key-csv/many-rows", test_many_rows);
  g_test_add_func ("/key-csv/no-secret", test_no_secret);

  return g_test_run ();
}
