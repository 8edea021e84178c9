/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ak-account.h"
#include "ak-auth-url.h"
#include "ak-error.h"

/* Counts ::notify per property name. */
typedef struct
{
  GHashTable *counts;
} NotifyLog;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyLog *log = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer)pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
notify_count (NotifyLog  *log,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static guint
notify_total (NotifyLog *log)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, log->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

static void
notify_log_watch (NotifyLog *log,
                  AkAccount *account)
{
  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (account, "notify", G_CALLBACK (notify_cb), log);
}

static void
notify_log_reset (NotifyLog *log)
{
  g_hash_table_remove_all (log->counts);
}

static void
notify_log_clear (NotifyLog *log)
{
  g_clear_pointer (&log->counts, g_hash_table_unref);
}

/* A complete password account that validates. */
static AkAccount *
make_valid_account (void)
{
  AkAccount *account = ak_account_new ();

  ak_account_set_auth_url (account, "https://cloud.example.com:5000/v3");
  ak_account_set_username (account, "alice");
  ak_account_set_project (account, "demo");

  return account;
}

static void
test_defaults (void)
{
  g_autoptr(AkAccount) account = ak_account_new ();
  g_autoptr(AkAccount) other = ak_account_new ();
  g_autofree char *id = NULL;
  AkAuthKind kind;

  g_assert_true (g_uuid_string_is_valid (ak_account_get_id (account)));
  g_assert_true (g_uuid_string_is_valid (ak_account_get_id (other)));
  g_assert_cmpstr (ak_account_get_id (account), !=, ak_account_get_id (other));

  g_assert_null (ak_account_get_label (account));
  g_assert_null (ak_account_get_auth_url (account));
  g_assert_cmpint (ak_account_get_auth_kind (account), ==, AK_AUTH_KIND_PASSWORD);
  g_assert_cmpstr (ak_account_get_user_domain (account), ==, "Default");
  g_assert_null (ak_account_get_username (account));
  g_assert_cmpstr (ak_account_get_project_domain (account), ==, "Default");
  g_assert_null (ak_account_get_project (account));
  g_assert_null (ak_account_get_application_credential_id (account));
  g_assert_false (ak_account_get_allow_unencrypted (account));
  g_assert_cmpstr (ak_account_get_display_label (account), ==, "New Account");

  g_object_get (account, "id", &id, "auth-kind", &kind, NULL);
  g_assert_cmpstr (id, ==, ak_account_get_id (account));
  g_assert_cmpint (kind, ==, AK_AUTH_KIND_PASSWORD);
}

static void
test_id_construct_only (void)
{
  const char *fixed = "0b5e9c1e-1d2f-4f65-9a7e-6f4c1d2b3a40";
  g_autoptr(AkAccount) loaded = g_object_new (AK_TYPE_ACCOUNT, "id", fixed, NULL);
  g_autoptr(AkAccount) blank = g_object_new (AK_TYPE_ACCOUNT, "id", "", NULL);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (loaded), "id");

  /* A loaded account keeps its id; an empty one is replaced by a new UUID. */
  g_assert_cmpstr (ak_account_get_id (loaded), ==, fixed);
  g_assert_true (g_uuid_string_is_valid (ak_account_get_id (blank)));

  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
}

static void
test_auth_kind_enum (void)
{
  GEnumClass *enum_class = g_type_class_ref (AK_TYPE_AUTH_KIND);

  g_assert_true (G_TYPE_IS_ENUM (AK_TYPE_AUTH_KIND));
  g_assert_cmpint (g_enum_get_value_by_nick (enum_class, "password")->value, ==,
                   AK_AUTH_KIND_PASSWORD);
  g_assert_cmpint (g_enum_get_value_by_nick (enum_class, "application-credential")->value, ==,
                   AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpuint (enum_class->n_values, ==, 2);

  g_type_class_unref (enum_class);
}

/* Each setter notifies its own property once per change, never on a no-op. */
static void
test_properties_notify (void)
{
  static const struct {
    const char *property;
    const char *value;
  } strings[] = {
    { "label", "Work cloud" },
    { "auth-url", "https://keystone.example.org/v3" },
    { "user-domain", "staff" },
    { "username", "bob" },
    { "project-domain", "projects" },
    { "project", "finance" },
    { "application-credential-id", "0f1e2d3c4b5a69788796a5b4c3d2e1f0" },
  };
  g_autoptr(AkAccount) account = ak_account_new ();
  NotifyLog log = { 0 };

  notify_log_watch (&log, account);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *got = NULL;

      notify_log_reset (&log);
      g_object_set (account, strings[i].property, strings[i].value, NULL);
      g_assert_cmpuint (notify_count (&log, strings[i].property), ==, 1);

      g_object_get (account, strings[i].property, &got, NULL);
      g_assert_cmpstr (got, ==, strings[i].value);

      /* The same value again: no notification at all. */
      notify_log_reset (&log);
      g_object_set (account, strings[i].property, strings[i].value, NULL);
      g_assert_cmpuint (notify_total (&log), ==, 0);
    }

  g_assert_cmpstr (ak_account_get_label (account), ==, "Work cloud");
  g_assert_cmpstr (ak_account_get_auth_url (account), ==, "https://keystone.example.org/v3");
  g_assert_cmpstr (ak_account_get_user_domain (account), ==, "staff");
  g_assert_cmpstr (ak_account_get_username (account), ==, "bob");
  g_assert_cmpstr (ak_account_get_project_domain (account), ==, "projects");
  g_assert_cmpstr (ak_account_get_project (account), ==, "finance");
  g_assert_cmpstr (ak_account_get_application_credential_id (account), ==,
                   "0f1e2d3c4b5a69788796a5b4c3d2e1f0");

  notify_log_reset (&log);
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpuint (notify_count (&log, "auth-kind"), ==, 1);
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpuint (notify_count (&log, "auth-kind"), ==, 1);
  g_assert_cmpint (ak_account_get_auth_kind (account), ==, AK_AUTH_KIND_APPLICATION_CREDENTIAL);

  notify_log_reset (&log);
  ak_account_set_allow_unencrypted (account, TRUE);
  ak_account_set_allow_unencrypted (account, TRUE);
  g_assert_cmpuint (notify_count (&log, "allow-unencrypted"), ==, 1);
  g_assert_true (ak_account_get_allow_unencrypted (account));

  /* Clearing a field is a change too. */
  notify_log_reset (&log);
  ak_account_set_username (account, NULL);
  g_assert_cmpuint (notify_count (&log, "username"), ==, 1);
  g_assert_null (ak_account_get_username (account));

  notify_log_clear (&log);
}

static void
test_display_label (void)
{
  static const struct {
    AkAuthKind  kind;
    const char *label;
    const char *username;
    const char *project;
    const char *url;
    const char *expected;
  } cases[] = {
    { AK_AUTH_KIND_PASSWORD, "Work", "alice", "demo", "https://c.example.com/v3", "Work" },
    { AK_AUTH_KIND_PASSWORD, NULL, "alice", "demo", "https://cloud.example.com/v3",
      "alice in demo on cloud.example.com" },
    { AK_AUTH_KIND_PASSWORD, "", "alice", "demo", "https://cloud.example.com:5000/v3",
      "alice in demo on cloud.example.com:5000" },
    { AK_AUTH_KIND_PASSWORD, "  ", "alice", "demo", "http://[::1]:5000/v3",
      "alice in demo on [::1]:5000" },
    { AK_AUTH_KIND_PASSWORD, NULL, "alice", NULL, "https://cloud.example.com/v3",
      "alice on cloud.example.com" },
    { AK_AUTH_KIND_APPLICATION_CREDENTIAL, NULL, NULL, NULL, "https://cloud.example.com/v3",
      "Application credential on cloud.example.com" },
    { AK_AUTH_KIND_PASSWORD, NULL, NULL, NULL, "https://cloud.example.com/v3",
      "cloud.example.com" },
    { AK_AUTH_KIND_PASSWORD, NULL, "alice", "demo", NULL, "alice" },
    { AK_AUTH_KIND_PASSWORD, NULL, "alice", "demo", "not a url", "alice" },
    { AK_AUTH_KIND_PASSWORD, NULL, NULL, NULL, NULL, "New Account" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AkAccount) account = ak_account_new ();
      g_autofree char *display_label = NULL;

      ak_account_set_auth_kind (account, cases[i].kind);
      ak_account_set_label (account, cases[i].label);
      ak_account_set_username (account, cases[i].username);
      ak_account_set_project (account, cases[i].project);
      ak_account_set_auth_url (account, cases[i].url);

      g_test_message ("case %u", i);
      g_assert_cmpstr (ak_account_get_display_label (account), ==, cases[i].expected);
      g_object_get (account, "display-label", &display_label, NULL);
      g_assert_cmpstr (display_label, ==, cases[i].expected);
    }
}

/* display-label is notified exactly when what it shows changes. */
static void
test_display_label_notify (void)
{
  g_autoptr(AkAccount) account = make_valid_account ();
  NotifyLog log = { 0 };

  notify_log_watch (&log, account);

  ak_account_set_username (account, "carol");
  g_assert_cmpuint (notify_count (&log, "username"), ==, 1);
  g_assert_cmpuint (notify_count (&log, "display-label"), ==, 1);
  g_assert_cmpstr (ak_account_get_display_label (account), ==,
                   "carol in demo on cloud.example.com:5000");

  /* Domains are not shown. */
  notify_log_reset (&log);
  ak_account_set_user_domain (account, "staff");
  ak_account_set_project_domain (account, "staff");
  g_assert_cmpuint (notify_count (&log, "display-label"), ==, 0);

  notify_log_reset (&log);
  ak_account_set_label (account, "Office");
  g_assert_cmpuint (notify_count (&log, "label"), ==, 1);
  g_assert_cmpuint (notify_count (&log, "display-label"), ==, 1);
  g_assert_cmpstr (ak_account_get_display_label (account), ==, "Office");

  /* With a label of its own, the other fields no longer show. */
  notify_log_reset (&log);
  ak_account_set_project (account, "other");
  ak_account_set_auth_url (account, "https://elsewhere.example.net/v3");
  g_assert_cmpuint (notify_count (&log, "display-label"), ==, 0);
  g_assert_cmpstr (ak_account_get_display_label (account), ==, "Office");

  notify_log_reset (&log);
  ak_account_set_label (account, NULL);
  g_assert_cmpuint (notify_count (&log, "display-label"), ==, 1);
  g_assert_cmpstr (ak_account_get_display_label (account), ==,
                   "carol in other on elsewhere.example.net");

  notify_log_clear (&log);
}

static void
test_url_is_loopback (void)
{
  static const struct {
    const char *url;
    gboolean    loopback;
  } cases[] = {
    { "http://127.0.0.1:5000/v3", TRUE },
    { "https://127.0.0.1/v3", TRUE },
    { "http://127.1.2.3/", TRUE },
    { "http://127.255.255.254:8080", TRUE },
    { "http://[::1]:5000/v3", TRUE },
    { "https://[::1]/", TRUE },
    { "http://localhost:5000/v3", TRUE },
    { "http://LOCALHOST/", TRUE },
    { "HTTP://localhost/", TRUE },
    { "http://example.com/", FALSE },
    { "https://cloud.example.com:5000/v3", FALSE },
    { "http://10.0.0.1/", FALSE },
    { "http://192.168.1.10:5000/v3", FALSE },
    { "http://128.0.0.1/", FALSE },
    { "http://[::2]/", FALSE },
    { "http://[::ffff:8.8.8.8]/", FALSE },
    { "http://localhost.example.com/", FALSE },
    { "http://127.0.0.1.example.com/", FALSE },
    { "ftp://127.0.0.1/", FALSE },
    { "file:///etc/passwd", FALSE },
    { "127.0.0.1:5000", FALSE },
    { "localhost", FALSE },
    { "http://", FALSE },
    { "http:///v3", FALSE },
    { "not a url", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("url %s", cases[i].url ? cases[i].url : "(null)");
      g_assert_cmpint (ak_account_url_is_loopback (cases[i].url), ==, cases[i].loopback);
    }
}

/* In place of an error code: the account validates. */
#define EXPECT_OK (-1)

static void
test_validate (void)
{
  static const struct {
    AkAuthKind  kind;
    const char *url;
    const char *user_domain;
    const char *username;
    const char *project_domain;
    const char *project;
    const char *app_cred_id;
    gboolean    allow_unencrypted;
    int         code;
    const char *names;   /* words the sentence must contain */
  } cases[] = {
    /* The address comes first. */
    { AK_AUTH_KIND_PASSWORD, NULL, "Default", "alice", "Default", "demo", NULL, FALSE,
      AK_ERROR_INVALID, "identity address" },
    { AK_AUTH_KIND_PASSWORD, "   ", "Default", "alice", "Default", "demo", NULL, FALSE,
      AK_ERROR_INVALID, "identity address" },
    { AK_AUTH_KIND_PASSWORD, "cloud.example.com", "Default", "alice", "Default", "demo", NULL,
      FALSE, AK_ERROR_INVALID, "identity address" },
    { AK_AUTH_KIND_PASSWORD, "ftp://cloud.example.com/", "Default", "alice", "Default", "demo",
      NULL, FALSE, AK_ERROR_INVALID, "identity address" },
    { AK_AUTH_KIND_PASSWORD, "https://", "Default", "alice", "Default", "demo", NULL, FALSE,
      AK_ERROR_INVALID, "identity address" },
    { AK_AUTH_KIND_PASSWORD, "https:///v3", "Default", "alice", "Default", "demo", NULL, FALSE,
      AK_ERROR_INVALID, "identity address" },
    { AK_AUTH_KIND_PASSWORD, "https://alice:pw@cloud.example.com/v3", "Default", "alice",
      "Default", "demo", NULL, FALSE, AK_ERROR_INVALID, "identity address" },

    /* Plain http only to this computer, or when allowed. */
    { AK_AUTH_KIND_PASSWORD, "http://cloud.example.com:5000/v3", "Default", "alice", "Default",
      "demo", NULL, FALSE, AK_ERROR_INSECURE, "https://" },
    { AK_AUTH_KIND_PASSWORD, "http://10.0.0.1:5000/v3", "Default", "alice", "Default",
      "demo", NULL, FALSE, AK_ERROR_INSECURE, "https://" },
    { AK_AUTH_KIND_PASSWORD, "http://cloud.example.com:5000/v3", "Default", NULL, "Default",
      "demo", NULL, FALSE, AK_ERROR_INSECURE, "https://" },
    { AK_AUTH_KIND_PASSWORD, "http://cloud.example.com:5000/v3", "Default", "alice", "Default",
      "demo", NULL, TRUE, EXPECT_OK, NULL },
    { AK_AUTH_KIND_PASSWORD, "http://127.0.0.1:5000/v3", "Default", "alice", "Default",
      "demo", NULL, FALSE, EXPECT_OK, NULL },
    { AK_AUTH_KIND_PASSWORD, "http://localhost:5000/v3", "Default", "alice", "Default",
      "demo", NULL, FALSE, EXPECT_OK, NULL },
    { AK_AUTH_KIND_PASSWORD, "http://[::1]:5000/v3", "Default", "alice", "Default",
      "demo", NULL, FALSE, EXPECT_OK, NULL },
    { AK_AUTH_KIND_PASSWORD, "https://cloud.example.com:5000/v3", "Default", "alice", "Default",
      "demo", NULL, FALSE, EXPECT_OK, NULL },

    /* Password: user, its domain, project, its domain. */
    { AK_AUTH_KIND_PASSWORD, "https://cloud.example.com/v3", "Default", NULL, "Default",
      "demo", NULL, FALSE, AK_ERROR_INVALID, "user name" },
    { AK_AUTH_KIND_PASSWORD, "https://cloud.example.com/v3", "Default", " ", "Default",
      "demo", NULL, FALSE, AK_ERROR_INVALID, "user name" },
    { AK_AUTH_KIND_PASSWORD, "https://cloud.example.com/v3", "", "alice", "Default",
      "demo", NULL, FALSE, AK_ERROR_INVALID, "domain of your user name" },
    { AK_AUTH_KIND_PASSWORD, "https://cloud.example.com/v3", "Default", "alice", "Default",
      NULL, NULL, FALSE, AK_ERROR_INVALID, "project" },
    { AK_AUTH_KIND_PASSWORD, "https://cloud.example.com/v3", "Default", "alice", NULL,
      "demo", NULL, FALSE, AK_ERROR_INVALID, "domain of the project" },

    /* Application credential: its ID, and nothing else is needed. */
    { AK_AUTH_KIND_APPLICATION_CREDENTIAL, "https://cloud.example.com/v3", NULL, NULL, NULL,
      NULL, NULL, FALSE, AK_ERROR_INVALID, "application credential" },
    { AK_AUTH_KIND_APPLICATION_CREDENTIAL, "https://cloud.example.com/v3", NULL, NULL, NULL,
      NULL, "0f1e2d3c4b5a69788796a5b4c3d2e1f0", FALSE, EXPECT_OK, NULL },
    { AK_AUTH_KIND_APPLICATION_CREDENTIAL, "http://cloud.example.com/v3", NULL, NULL, NULL,
      NULL, "0f1e2d3c4b5a69788796a5b4c3d2e1f0", FALSE, AK_ERROR_INSECURE, "https://" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AkAccount) account = ak_account_new ();
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ak_account_set_auth_kind (account, cases[i].kind);
      ak_account_set_auth_url (account, cases[i].url);
      ak_account_set_user_domain (account, cases[i].user_domain);
      ak_account_set_username (account, cases[i].username);
      ak_account_set_project_domain (account, cases[i].project_domain);
      ak_account_set_project (account, cases[i].project);
      ak_account_set_application_credential_id (account, cases[i].app_cred_id);
      ak_account_set_allow_unencrypted (account, cases[i].allow_unencrypted);

      g_test_message ("case %u: %s", i, cases[i].url ? cases[i].url : "(null)");
      ok = ak_account_validate (account, &error);

      if (cases[i].code == EXPECT_OK)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }

      g_assert_false (ok);
      g_assert_error (error, AK_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].names));
      /* A sentence for a person: no codes, ends with a full stop. */
      g_assert_true (g_str_has_suffix (error->message, "."));
    }

  /* NULL error is allowed. */
  {
    g_autoptr(AkAccount) account = ak_account_new ();

    g_assert_false (ak_account_validate (account, NULL));
  }
}

static void
test_copy (void)
{
  g_autoptr(AkAccount) account = make_valid_account ();
  g_autoptr(AkAccount) copy = NULL;

  ak_account_set_label (account, "Office");
  ak_account_set_auth_kind (account, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  ak_account_set_user_domain (account, "staff");
  ak_account_set_project_domain (account, "projects");
  ak_account_set_application_credential_id (account, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  ak_account_set_allow_unencrypted (account, TRUE);

  copy = ak_account_copy (account);

  g_assert_true (copy != account);
  g_assert_cmpstr (ak_account_get_id (copy), ==, ak_account_get_id (account));
  g_assert_cmpstr (ak_account_get_label (copy), ==, "Office");
  g_assert_cmpstr (ak_account_get_display_label (copy), ==, "Office");
  g_assert_cmpstr (ak_account_get_auth_url (copy), ==, "https://cloud.example.com:5000/v3");
  g_assert_cmpint (ak_account_get_auth_kind (copy), ==, AK_AUTH_KIND_APPLICATION_CREDENTIAL);
  g_assert_cmpstr (ak_account_get_user_domain (copy), ==, "staff");
  g_assert_cmpstr (ak_account_get_username (copy), ==, "alice");
  g_assert_cmpstr (ak_account_get_project_domain (copy), ==, "projects");
  g_assert_cmpstr (ak_account_get_project (copy), ==, "demo");
  g_assert_cmpstr (ak_account_get_application_credential_id (copy), ==,
                   "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  g_assert_true (ak_account_get_allow_unencrypted (copy));

  /* Editing the copy leaves the original alone. */
  ak_account_set_username (copy, "bob");
  ak_account_set_user_domain (copy, NULL);
  g_assert_cmpstr (ak_account_get_username (account), ==, "alice");
  g_assert_cmpstr (ak_account_get_user_domain (account), ==, "staff");
  g_assert_null (ak_account_get_user_domain (copy));

  /* A cleared domain is copied as cleared, not back to the default. */
  {
    g_autoptr(AkAccount) again = ak_account_copy (copy);

    g_assert_null (ak_account_get_user_domain (again));
  }
}

/* What people paste as the identity address, and what is signed in at. */
static void
test_auth_url_normalize (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { "https://identity.example.com:5000/v3", "https://identity.example.com:5000/v3" },
    { "https://identity.example.com:5000", "https://identity.example.com:5000/v3" },
    { "https://identity.example.com:5000/", "https://identity.example.com:5000/v3" },
    { "https://identity.example.com:5000/v3/", "https://identity.example.com:5000/v3" },
    { "https://identity.example.com:5000/v3//", "https://identity.example.com:5000/v3" },
    { "  https://identity.example.com/v3\n", "https://identity.example.com/v3" },
    { "identity.example.com:5000", "https://identity.example.com:5000/v3" },
    { "identity.example.com", "https://identity.example.com/v3" },
    { "HTTPS://Identity.Example.COM/v3", "https://identity.example.com/v3" },
    { "https://identity.example.com:5000/v2.0", "https://identity.example.com:5000/v3" },
    { "https://identity.example.com:5000/v2.0/", "https://identity.example.com:5000/v3" },
    { "https://identity.example.com/v3/auth/tokens", "https://identity.example.com/v3" },
    { "https://cloud.example.com/identity", "https://cloud.example.com/identity/v3" },
    { "https://cloud.example.com/identity/v3", "https://cloud.example.com/identity/v3" },
    { "https://identity.example.com/v3?x=1#top", "https://identity.example.com/v3" },
    { "http://127.0.0.1:52339", "http://127.0.0.1:52339/v3" },
    { "http://[::1]:5000/", "http://[::1]:5000/v3" },
  };
  static const struct {
    const char *text;
    const char *message_start;
  } refused[] = {
    { "", "Enter the identity address" },
    { "   ", "Enter the identity address" },
    { NULL, "Enter the identity address" },
    { "ftp://identity.example.com/v3", "The identity address is not a web address." },
    { "https://", "The identity address is not a web address." },
    { "not an address", "The identity address is not a web address." },
    { "https://alice:secret@identity.example.com/v3", "Remove the user name and password" },
    { "https://cloud.example.com/dashboard", "This is the address of your cloud’s dashboard" },
    { "https://cloud.example.com/dashboard/project/",
      "This is the address of your cloud’s dashboard" },
    { "https://cloud.example.com/horizon", "This is the address of your cloud’s dashboard" },
    { "https://cloud.example.com/auth/login/?next=/",
      "This is the address of your cloud’s dashboard" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ak_auth_url_normalize (cases[i].text, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ak_auth_url_normalize (refused[i].text, &error);

      g_test_message ("%s", refused[i].text);
      g_assert_null (url);
      g_assert_error (error, AK_ERROR, AK_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, refused[i].message_start));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/account/defaults", test_defaults);
  g_test_add_func ("/account/id-construct-only", test_id_construct_only);
  g_test_add_func ("/account/auth-kind-enum", test_auth_kind_enum);
  g_test_add_func ("/account/properties-notify", test_properties_notify);
  g_test_add_func ("/account/auth-url/normalize", test_auth_url_normalize);
  g_test_add_func ("/account/display-label", test_display_label);
  g_test_add_func ("/account/display-label-notify", test_display_label_notify);
  g_test_add_func ("/account/url-is-loopback", test_url_is_loopback);
  g_test_add_func ("/account/validate", test_validate);
  g_test_add_func ("/account/copy", test_copy);

  return g_test_run ();
}
