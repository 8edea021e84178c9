/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sign-in dialog and the account menu, in-process under Xvfb, with the
 * real Keystone provider talking to a small Keystone double on loopback, the
 * accounts file in a temporary directory and the secrets in the session's
 * real keyring (run-headless.sh with RUN_HEADLESS_KEYRING=1). */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "ak-account-dialog.h"
#include "ak-account-menu.h"
#include "ak-account-store.h"
#include "ak-error.h"
#include "ak-keystone-provider.h"
#include "ak-provider.h"
#include "ak-provider-factory.h"
#include "ak-ui-test.h"

/* The fixture's dummy member, as in tests/fixtures. */
#define ALICE_USER     "alice"
#define ALICE_PASSWORD "alice-secret"
#define ALICE_PROJECT  "demo"
#define WRONG_PASSWORD "not-alice-secret"
#define ALICE_APP_CRED_ID     "0123abcd"
#define ALICE_APP_CRED_SECRET "alice-app-cred-secret"

/* How long the provider the dialog makes waits for an answer, in seconds;
 * 0 for its own default. */
static guint provider_timeout;

static const SecretSchema account_schema = {
  AK_ACCOUNT_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* A Keystone double ------------------------------------------------------ */

typedef struct
{
  SoupServer *server;
  char       *url;
  GBytes     *token_body;
  guint       n_token_requests;
  /* How the next token requests are answered instead of checking the
   * password: an HTTP status, an HTML page, or held without an answer. */
  guint       token_status;
  gboolean    token_status_html;
  gboolean    not_keystone;
  gboolean    hold;
  GPtrArray  *held;
  gboolean    last_password_was_right;
  /* Alice has no role on her project: a sign-in to it gets the same 401 as
   * a wrong password, one without a project is let in. */
  gboolean    no_project_access;
} FakeKeystone;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *title)
{
  g_autofree char *json =
    g_strdup_printf ("{\"error\":{\"code\":%u,\"message\":\"%s\",\"title\":\"%s\"}}",
                     status, title, title);

  respond_json (msg, status, json);
}

static gboolean
password_is_right (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *identity;
  JsonObject *user;
  JsonNode *node;

  if (body->length == 0 || !json_parser_load_from_data (parser, body->data, body->length, NULL))
    return FALSE;

  node = json_parser_get_root (parser);
  identity = json_object_get_object_member (
               json_object_get_object_member (json_node_get_object (node), "auth"),
               "identity");

  /* The application credential ALICE_APP_CRED_ID with ALICE_APP_CRED_SECRET. */
  if (json_object_has_member (identity, "application_credential"))
    {
      JsonObject *app_cred = json_object_get_object_member (identity, "application_credential");

      return g_strcmp0 (json_object_get_string_member (app_cred, "id"), ALICE_APP_CRED_ID) == 0 &&
             g_strcmp0 (json_object_get_string_member (app_cred, "secret"),
                        ALICE_APP_CRED_SECRET) == 0;
    }

  user = json_object_get_object_member (json_object_get_object_member (identity, "password"),
                                        "user");

  return g_strcmp0 (json_object_get_string_member (user, "name"), ALICE_USER) == 0 &&
         g_strcmp0 (json_object_get_string_member (user, "password"), ALICE_PASSWORD) == 0;
}

static gboolean
asks_for_scope (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (body->length == 0 || !json_parser_load_from_data (parser, body->data, body->length, NULL))
    return FALSE;

  return json_object_has_member (
           json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "auth"),
           "scope");
}

static void
keystone_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  FakeKeystone *keystone = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/v3/auth/tokens") && g_str_equal (method, "POST"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      gsize len;
      const char *token;

      keystone->n_token_requests++;

      if (keystone->hold)
        {
          soup_server_message_pause (msg);
          g_ptr_array_add (keystone->held, g_object_ref (msg));
          return;
        }

      if (keystone->not_keystone)
        {
          const char *html = "<html><body>Welcome to our web site</body></html>";

          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                            html, strlen (html));
          return;
        }

      if (keystone->token_status != 0 && keystone->token_status_html)
        {
          const char *html = "<html><body><h1>Not Implemented</h1></body></html>";

          soup_server_message_set_status (msg, keystone->token_status, NULL);
          soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                            html, strlen (html));
          return;
        }

      if (keystone->token_status != 0)
        {
          respond_error (msg, keystone->token_status, "Internal Server Error");
          return;
        }

      keystone->last_password_was_right = password_is_right (msg);
      if (!keystone->last_password_was_right ||
          (keystone->no_project_access && asks_for_scope (msg)))
        {
          respond_error (msg, 401, "Unauthorized");
          return;
        }

      token = g_bytes_get_data (keystone->token_body, &len);
      soup_message_headers_replace (headers, "X-Subject-Token", "gAAAAA-fake-ui-test-token");
      soup_server_message_set_status (msg, 201, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, token, len);
      return;
    }

  /* Alice is a member: she may not list users. */
  if (g_str_equal (path, "/v3/users") && g_str_equal (method, "GET"))
    {
      respond_error (msg, 403, "Forbidden");
      return;
    }

  if (keystone->token_status_html)
    {
      const char *html = "<html><body><h1>Not Found</h1></body></html>";

      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      return;
    }

  respond_error (msg, 404, "Not Found");
}

/* The recorded member token, made to expire an hour from now. */
static GBytes *
load_token_body (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "token-password-member.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autofree char *expires = g_date_time_format (later, "%Y-%m-%dT%H:%M:%S.000000Z");
  g_autofree char *issued = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000000Z");
  JsonObject *token;
  char *json;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  token = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "token");
  json_object_set_string_member (token, "expires_at", expires);
  json_object_set_string_member (token, "issued_at", issued);
  json = json_to_string (json_parser_get_root (parser), FALSE);

  return g_bytes_new_take (json, strlen (json));
}

static void
fake_keystone_start (FakeKeystone *keystone)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  keystone->held = g_ptr_array_new_with_free_func (g_object_unref);
  keystone->token_body = load_token_body ();
  keystone->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (keystone->server, "/v3", keystone_handler, keystone, NULL);
  soup_server_listen_local (keystone->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (keystone->server);
  keystone->url = g_strdup_printf ("http://127.0.0.1:%d/v3", g_uri_get_port (uris->data));
}

static gboolean
request_is_held (gpointer data)
{
  FakeKeystone *keystone = data;

  return keystone->held->len > 0;
}

/* Answers what was held, so no connection is left waiting. */
static void
release_held (FakeKeystone *keystone)
{
  for (guint i = 0; i < keystone->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (keystone->held, i);

      respond_error (msg, 503, "Service Unavailable");
      soup_server_message_unpause (msg);
    }

  g_ptr_array_set_size (keystone->held, 0);
}

static void
fake_keystone_stop (FakeKeystone *keystone)
{
  release_held (keystone);
  soup_server_disconnect (keystone->server);
  g_clear_object (&keystone->server);
  g_clear_pointer (&keystone->held, g_ptr_array_unref);
  g_clear_pointer (&keystone->token_body, g_bytes_unref);
  g_clear_pointer (&keystone->url, g_free);
}

/* A loopback address where nothing listens. */
static char *
dup_unreachable_url (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return g_strdup_printf ("http://127.0.0.1:%u/v3", port);
}

/* Fixture ------------------------------------------------------------------ */

typedef struct
{
  FakeKeystone     keystone;
  AkAccountStore  *store;
  char            *store_path;
  AkAccountDialog *dialog;
  AkAccount       *signed_in_account;
  AkProvider      *signed_in_provider;
  guint            n_signed_in;
  /* Sign-ins the dialog started. */
  guint            n_tries;
} Fixture;

static void
busy_changed_cb (AkAccountDialog *dialog,
                 GParamSpec      *pspec,
                 guint           *n_tries)
{
  if (ak_account_dialog_get_busy (dialog))
    (*n_tries)++;
}

static void
signed_in_cb (AkAccountDialog *dialog,
              AkAccount       *account,
              AkProvider      *provider,
              Fixture         *f)
{
  f->n_signed_in++;
  g_set_object (&f->signed_in_account, account);
  g_set_object (&f->signed_in_provider, provider);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fake_keystone_start (&f->keystone);
  f->store_path = g_build_filename (g_get_user_config_dir (), "access-keys",
                                    "accounts.ini", NULL);
  f->store = ak_account_store_new (f->store_path);
}

static void
close_dialog (Fixture *f)
{
  if (f->dialog == NULL)
    return;

  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
}

static guint
count_keyring_items (void)
{
  g_autoptr(GError) error = NULL;
  GList *items;
  guint n;

  items = secret_password_search_sync (&account_schema, SECRET_SEARCH_ALL, NULL, &error, NULL);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);

  return n;
}

static void
clear_keyring (void)
{
  g_autoptr(GError) error = NULL;

  secret_password_clear_sync (&account_schema, NULL, &error, NULL);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_dialog (f);
  provider_timeout = 0;
  g_clear_object (&f->signed_in_account);
  g_clear_object (&f->signed_in_provider);
  g_clear_object (&f->store);
  g_unlink (f->store_path);
  g_clear_pointer (&f->store_path, g_free);
  fake_keystone_stop (&f->keystone);
  clear_keyring ();

  ak_ui_test_drain ();
}

static void
open_dialog (Fixture   *f,
             AkAccount *account)
{
  f->dialog = ak_account_dialog_new (NULL, f->store, account);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *)&f->dialog);
  g_signal_connect (f->dialog, "signed-in", G_CALLBACK (signed_in_cb), f);
  g_signal_connect (f->dialog, "notify::busy", G_CALLBACK (busy_changed_cb), &f->n_tries);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fill_member (Fixture    *f,
             const char *url,
             const char *password)
{
  ak_ui_test_set_text (f->dialog, "url_row", url);
  ak_ui_test_set_text (f->dialog, "username_row", ALICE_USER);
  ak_ui_test_set_text (f->dialog, "password_row", password);
  ak_ui_test_set_text (f->dialog, "project_row", ALICE_PROJECT);
}

static gboolean
dialog_is_idle (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL || !ak_account_dialog_get_busy (f->dialog);
}

static gboolean
signed_in (gpointer data)
{
  Fixture *f = data;

  return f->n_signed_in > 0;
}

static AkSecret *
lookup_secret (AkAccountStore  *store,
               AkAccount       *account,
               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ak_account_store_lookup_secret_async (store, account, NULL, ak_ui_test_store_result_cb, &result);
  g_assert_true (ak_ui_test_await (ak_ui_test_result_is_set, &result));

  return ak_account_store_lookup_secret_finish (store, result, error);
}

static void
save_account (AkAccountStore *store,
              AkAccount      *account,
              const char     *secret_value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AkSecret) secret = ak_secret_new (secret_value);
  g_autoptr(GError) error = NULL;

  ak_account_store_save_async (store, account, secret, NULL, ak_ui_test_store_result_cb, &result);
  g_assert_true (ak_ui_test_await (ak_ui_test_result_is_set, &result));
  ak_account_store_save_finish (store, result, &error);
  g_assert_no_error (error);
}

static AkAccount *
new_member_account (const char *url)
{
  AkAccount *account = ak_account_new ();

  ak_account_set_auth_url (account, url);
  ak_account_set_username (account, ALICE_USER);
  ak_account_set_project (account, ALICE_PROJECT);

  return account;
}

/* Tests -------------------------------------------------------------------- */

static void
test_sign_in_needs_fields (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *sign_in;

  open_dialog (f, NULL);
  sign_in = ak_ui_test_get_widget (f->dialog, "sign_in_button");

  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "domain_row"), ==, "Default");
  g_assert_false (gtk_widget_get_sensitive (sign_in));

  ak_ui_test_set_text (f->dialog, "url_row", f->keystone.url);
  ak_ui_test_set_text (f->dialog, "username_row", ALICE_USER);
  ak_ui_test_set_text (f->dialog, "project_row", ALICE_PROJECT);
  g_assert_false (gtk_widget_get_sensitive (sign_in));

  ak_ui_test_set_text (f->dialog, "password_row", ALICE_PASSWORD);
  g_assert_true (gtk_widget_get_sensitive (sign_in));

  ak_ui_test_set_text (f->dialog, "project_row", "  ");
  g_assert_false (gtk_widget_get_sensitive (sign_in));

  /* An application credential needs its ID and secret instead. */
  ak_ui_test_set_text (f->dialog, "project_row", ALICE_PROJECT);
  gtk_switch_set_active (GTK_SWITCH (ak_ui_test_get_widget (f->dialog, "app_cred_switch")), TRUE);
  g_assert_false (ak_ui_test_is_shown (f->dialog, "password_row"));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "app_cred_id_row"));
  g_assert_false (gtk_widget_get_sensitive (sign_in));
  ak_ui_test_set_text (f->dialog, "app_cred_id_row", "0123abcd");
  ak_ui_test_set_text (f->dialog, "app_cred_secret_row", "dummy-app-cred-secret");
  g_assert_true (gtk_widget_get_sensitive (sign_in));
}

static void
test_sign_in_success (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkAccount) stored = NULL;
  GtkWidget *url_row;

  open_dialog (f, NULL);
  fill_member (f, f->keystone.url, ALICE_PASSWORD);

  url_row = ak_ui_test_get_widget (f->dialog, "url_row");
  ak_ui_test_click_id (f->dialog, "sign_in_button");

  /* While it verifies, the fields cannot change. */
  g_assert_true (ak_account_dialog_get_busy (f->dialog));
  g_assert_false (gtk_widget_is_sensitive (url_row));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "spinner"));

  g_assert_true (ak_ui_test_await (signed_in, f));
  g_assert_cmpuint (f->n_signed_in, ==, 1);
  g_assert_true (f->keystone.last_password_was_right);
  g_assert_true (AK_IS_PROVIDER (f->signed_in_provider));

  /* Saved: the account in the store and the file, the password in the
   * keyring, and the dialog gone. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  stored = g_list_model_get_item (G_LIST_MODEL (f->store), 0);
  g_assert_true (stored == f->signed_in_account);
  g_assert_cmpstr (ak_account_get_auth_url (stored), ==, f->keystone.url);
  g_assert_cmpstr (ak_account_get_username (stored), ==, ALICE_USER);
  g_assert_cmpstr (ak_account_get_user_domain (stored), ==, "Default");
  g_assert_cmpstr (ak_account_get_project (stored), ==, ALICE_PROJECT);
  g_assert_cmpint (ak_account_get_auth_kind (stored), ==, AK_AUTH_KIND_PASSWORD);
  g_assert_true (g_file_test (f->store_path, G_FILE_TEST_EXISTS));

  secret = lookup_secret (f->store, stored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_secret_get (secret), ==, ALICE_PASSWORD);
  g_assert_cmpuint (count_keyring_items (), ==, 1);

  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  open_dialog (f, NULL);
  fill_member (f, f->keystone.url, WRONG_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (dialog_is_idle, f));

  /* Refused with the project, then without it. */
  g_assert_cmpuint (f->keystone.n_token_requests, ==, 2);
  g_assert_false (f->keystone.last_password_was_right);

  /* The message is under the password, and nowhere else. */
  g_assert_true (ak_ui_test_is_shown (f->dialog, "credential_error_label"));
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "credential_error_label"), ==,
                   "The user name or password is wrong.");
  g_assert_false (ak_ui_test_is_shown (f->dialog, "url_error_label"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "message_box"));

  /* Nothing was saved, and the dialog stays for another try. */
  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_false (g_file_test (f->store_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_keyring_items (), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  g_assert_true (gtk_widget_is_sensitive (ak_ui_test_get_widget (f->dialog, "password_row")));

  /* Typing again clears the message; the right password then works. */
  ak_ui_test_set_text (f->dialog, "password_row", ALICE_PASSWORD);
  g_assert_false (ak_ui_test_is_shown (f->dialog, "credential_error_label"));
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (signed_in, f));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *url = dup_unreachable_url ();

  open_dialog (f, NULL);
  fill_member (f, url, ALICE_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (dialog_is_idle, f));

  g_assert_true (ak_ui_test_is_shown (f->dialog, "url_error_label"));
  g_assert_true (g_str_has_prefix (ak_ui_test_label_text (f->dialog, "url_error_label"),
                                   "The server could not be reached."));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "credential_error_label"));
  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_cmpuint (count_keyring_items (), ==, 0);
}

static void
test_not_keystone (Fixture       *f,
                   gconstpointer  data)
{
  f->keystone.not_keystone = TRUE;

  open_dialog (f, NULL);
  fill_member (f, f->keystone.url, ALICE_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (dialog_is_idle, f));

  g_assert_true (ak_ui_test_is_shown (f->dialog, "url_error_label"));
  g_assert_true (g_str_has_prefix (ak_ui_test_label_text (f->dialog, "url_error_label"),
                                   "This address does not lead to a cloud sign-in service."));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  f->keystone.token_status = 500;

  open_dialog (f, NULL);
  fill_member (f, f->keystone.url, ALICE_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (dialog_is_idle, f));

  /* Not the person's fault: said at the top, not under a field. */
  g_assert_true (ak_ui_test_is_shown (f->dialog, "message_box"));
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "message_label"), ==,
                   ak_error_code_to_message (AK_ERROR_SERVER));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "url_error_label"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "credential_error_label"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
}

static void
test_no_project_access (Fixture       *f,
                        gconstpointer  data)
{
  f->keystone.no_project_access = TRUE;

  open_dialog (f, NULL);
  fill_member (f, f->keystone.url, ALICE_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (dialog_is_idle, f));
  g_assert_cmpuint (f->keystone.n_token_requests, ==, 2);

  /* The password was right, so nothing is said under it: the top names
   * the project. */
  g_assert_true (ak_ui_test_is_shown (f->dialog, "message_box"));
  g_assert_nonnull (strstr (ak_ui_test_label_text (f->dialog, "message_label"),
                            "“" ALICE_PROJECT "”"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "credential_error_label"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "url_error_label"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
}

static void
test_unencrypted_switch (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    const char *url;
    gboolean    shown;
  } cases[] = {
    { "", FALSE },
    { "https://cloud.example.com:5000/v3", FALSE },
    { "http://cloud.example.com:5000/v3", TRUE },
    { "HTTP://192.0.2.10/v3", TRUE },
    { "http://127.0.0.1:5000/v3", FALSE },
    { "http://localhost:5000/v3", FALSE },
    { "http://[::1]:5000/v3", FALSE },
    { "https://127.0.0.1:5000/v3", FALSE },
  };

  open_dialog (f, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ak_ui_test_set_text (f->dialog, "url_row", cases[i].url);
      g_test_message ("URL %s", cases[i].url);
      g_assert_cmpint (ak_ui_test_is_shown (f->dialog, "insecure_row"), ==, cases[i].shown);
    }
}

static void
test_unencrypted_refused_until_allowed (Fixture       *f,
                                        gconstpointer  data)
{
  open_dialog (f, NULL);
  fill_member (f, "http://cloud.example.com:5000/v3", ALICE_PASSWORD);
  g_assert_true (ak_ui_test_is_shown (f->dialog, "insecure_row"));

  /* Without the switch nothing is sent: the address is refused first. */
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_false (ak_account_dialog_get_busy (f->dialog));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "url_error_label"));
  g_assert_cmpstr (ak_ui_test_label_text (f->dialog, "url_error_label"), ==,
                   ak_error_code_to_message (AK_ERROR_INSECURE));
  g_assert_cmpuint (f->keystone.n_token_requests, ==, 0);
}

static void
test_cancel_while_verifying (Fixture       *f,
                             gconstpointer  data)
{
  f->keystone.hold = TRUE;

  open_dialog (f, NULL);
  fill_member (f, f->keystone.url, ALICE_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_account_dialog_get_busy (f->dialog));
  g_assert_true (ak_ui_test_await (request_is_held, &f->keystone));

  /* Cancel stops the request and gives the fields back, open. */
  ak_ui_test_click_id (f->dialog, "cancel_button");
  g_assert_false (ak_account_dialog_get_busy (f->dialog));
  g_assert_true (gtk_widget_is_sensitive (ak_ui_test_get_widget (f->dialog, "url_row")));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "spinner"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));

  /* A late answer changes nothing. */
  f->keystone.hold = FALSE;
  release_held (&f->keystone);
  ak_ui_test_drain ();
  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);

  /* The second Cancel closes the dialog. */
  ak_ui_test_click_id (f->dialog, "cancel_button");
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
}

static void
test_edit_keeps_password (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AkAccount) account = new_member_account (f->keystone.url);
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  save_account (f->store, account, ALICE_PASSWORD);

  open_dialog (f, account);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "Edit Account");
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "url_row"), ==, f->keystone.url);
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "username_row"), ==, ALICE_USER);
  /* The password is never shown again; empty means "keep it". */
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "password_row"), ==, "");
  g_assert_true (ak_ui_test_is_shown (f->dialog, "credential_hint_label"));
  g_assert_true (gtk_widget_get_sensitive (ak_ui_test_get_widget (f->dialog, "sign_in_button")));

  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (signed_in, f));

  /* Signed in with the stored password, the same account updated. */
  g_assert_true (f->keystone.last_password_was_right);
  g_assert_true (f->signed_in_account == account);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  secret = lookup_secret (f->store, account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ak_secret_get (secret), ==, ALICE_PASSWORD);
}

static void
test_sign_in_again_needs_password (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(AkAccount) account = new_member_account (f->keystone.url);
  GtkWidget *sign_in;

  save_account (f->store, account, WRONG_PASSWORD);

  open_dialog (f, account);
  ak_account_dialog_require_password (f->dialog, NULL);
  sign_in = ak_ui_test_get_widget (f->dialog, "sign_in_button");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "Sign In Again");
  g_assert_true (ak_ui_test_is_shown (f->dialog, "notice_label"));
  g_assert_false (ak_ui_test_is_shown (f->dialog, "credential_hint_label"));
  g_assert_false (gtk_widget_get_sensitive (sign_in));

  ak_ui_test_set_text (f->dialog, "password_row", ALICE_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (signed_in, f));
  g_assert_true (f->keystone.last_password_was_right);
}


/* Focus, Enter and stale messages ----------------------------------------- */

/* Whether the keyboard focus is in @id (an entry row: in its text). */
static gboolean
focus_is_in (Fixture    *f,
             const char *id)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->dialog));
  GtkWidget *field = ak_ui_test_get_widget (f->dialog, id);

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

static const char *
focus_name (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->dialog));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW)
                                 : NULL;

  if (row != NULL)
    focus = row;
  if (focus == NULL)
    return "(none)";
  if (gtk_buildable_get_buildable_id (GTK_BUILDABLE (focus)) != NULL)
    return gtk_buildable_get_buildable_id (GTK_BUILDABLE (focus));

  return G_OBJECT_TYPE_NAME (focus);
}

/* Enter where the focus is, as a person would press it: an entry row
 * activates the dialog's default, Sign In (whose click comes after its
 * animation). Returns once that try has ended. */
static void
press_enter (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->dialog));
  guint tries = f->n_tries;

  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TEXT (focus));
  /* What GtkText emits for Enter; GTK 4.8 gives it no activate signal. */
  g_signal_emit_by_name (focus, "activate");
  ak_ui_test_wait_for (f->n_tries > tries);
  g_assert_true (ak_ui_test_await (dialog_is_idle, f));
}

static void
test_opens_on_first_empty_field (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(AkAccount) account = new_member_account (f->keystone.url);

  /* A new account: the address, first; typing goes there at once. */
  open_dialog (f, NULL);
  ak_ui_test_drain ();
  g_test_message ("focus in %s", focus_name (f));
  g_assert_true (focus_is_in (f, "url_row"));
  g_assert_false (focus_is_in (f, "cancel_button"));

  /* With the address filled in, the next empty field. */
  close_dialog (f);
  save_account (f->store, account, ALICE_PASSWORD);
  open_dialog (f, account);
  ak_ui_test_drain ();
  g_test_message ("focus in %s", focus_name (f));
  g_assert_true (focus_is_in (f, "password_row"));
}

static void
test_address_example (Fixture       *f,
                      gconstpointer  data)
{
  open_dialog (f, NULL);

  /* The field says what an address looks like, to the eye and to a
   * screen reader; domains wait under More options, filled in. */
  g_assert_true (ak_ui_test_is_shown (f->dialog, "url_hint_label"));
  g_assert_nonnull (strstr (ak_ui_test_label_text (f->dialog, "url_hint_label"),
                            "https://identity.example.com:5000/v3"));
  g_assert_false (adw_expander_row_get_expanded (
                    ADW_EXPANDER_ROW (ak_ui_test_get_widget (f->dialog, "options_row"))));
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "domain_row"), ==, "Default");
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "project_domain_row"), ==, "Default");
  g_assert_cmpstr (adw_action_row_get_subtitle (
                     ADW_ACTION_ROW (ak_ui_test_get_widget (f->dialog, "app_cred_row"))), !=,
                   NULL);
}

typedef enum
{
  CASE_WRONG_PASSWORD,
  CASE_WRONG_APP_CRED_SECRET,
  CASE_UNREACHABLE,
  CASE_WEB_SERVER,
  CASE_WEB_PAGE,
  CASE_TIMEOUT,
  CASE_SERVER_ERROR,
} ErrorCase;

/* Each error puts the focus on the field to change, Enter there tries
 * again, and changing that field clears the message. */
static void
test_error_focus (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    ErrorCase   what;
    const char *focused;
    const char *message_label;
    const char *message_start;
  } cases[] = {
    { CASE_WRONG_PASSWORD, "password_row", "credential_error_label",
      "The user name or password is wrong." },
    { CASE_WRONG_APP_CRED_SECRET, "app_cred_secret_row", "credential_error_label",
      "The application credential ID or secret is wrong." },
    { CASE_UNREACHABLE, "url_row", "url_error_label", "The server could not be reached." },
    { CASE_WEB_SERVER, "url_row", "url_error_label",
      "This address does not lead to a cloud sign-in service." },
    { CASE_WEB_PAGE, "url_row", "url_error_label",
      "This address does not lead to a cloud sign-in service." },
    { CASE_TIMEOUT, "url_row", "url_error_label", "The server took too long to answer." },
    /* Nobody's field: back where the person pressed Enter. */
    { CASE_SERVER_ERROR, "project_row", "message_label",
      "The server had a problem and could not do this." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *unreachable = dup_unreachable_url ();
      const char *url = f->keystone.url;
      const char *focused = cases[i].focused;
      guint requests;

      g_test_message ("case %u", i);
      f->keystone.token_status = 0;
      f->keystone.token_status_html = FALSE;
      f->keystone.not_keystone = FALSE;
      f->keystone.hold = FALSE;
      provider_timeout = 0;

      switch (cases[i].what)
        {
        case CASE_UNREACHABLE:
          url = unreachable;
          break;
        case CASE_WEB_SERVER:
          f->keystone.token_status = 501;
          f->keystone.token_status_html = TRUE;
          break;
        case CASE_WEB_PAGE:
          f->keystone.not_keystone = TRUE;
          break;
        case CASE_TIMEOUT:
          f->keystone.hold = TRUE;
          provider_timeout = 1;
          break;
        case CASE_SERVER_ERROR:
          f->keystone.token_status = 500;
          break;
        case CASE_WRONG_PASSWORD:
        case CASE_WRONG_APP_CRED_SECRET:
        default:
          break;
        }

      open_dialog (f, NULL);
      ak_ui_test_set_text (f->dialog, "url_row", url);
      if (cases[i].what == CASE_WRONG_APP_CRED_SECRET)
        {
          gtk_switch_set_active (GTK_SWITCH (ak_ui_test_get_widget (f->dialog,
                                                                    "app_cred_switch")),
                                 TRUE);
          ak_ui_test_set_text (f->dialog, "app_cred_id_row", ALICE_APP_CRED_ID);
          ak_ui_test_set_text (f->dialog, "app_cred_secret_row", WRONG_PASSWORD);
          gtk_widget_grab_focus (ak_ui_test_get_widget (f->dialog, "app_cred_secret_row"));
        }
      else
        {
          ak_ui_test_set_text (f->dialog, "username_row", ALICE_USER);
          ak_ui_test_set_text (f->dialog, "password_row",
                               cases[i].what == CASE_WRONG_PASSWORD ? WRONG_PASSWORD
                                                                    : ALICE_PASSWORD);
          ak_ui_test_set_text (f->dialog, "project_row", ALICE_PROJECT);
          gtk_widget_grab_focus (ak_ui_test_get_widget (f->dialog, "project_row"));
        }

      /* Enter in the last field signs in. */
      requests = f->keystone.n_token_requests;
      press_enter (f);
      if (cases[i].what == CASE_TIMEOUT)
        release_held (&f->keystone);

      g_assert_true (ak_ui_test_is_shown (f->dialog, cases[i].message_label));
      g_test_message ("said: %s", ak_ui_test_label_text (f->dialog, cases[i].message_label));
      g_assert_true (g_str_has_prefix (ak_ui_test_label_text (f->dialog,
                                                              cases[i].message_label),
                                       cases[i].message_start));
      g_test_message ("focus in %s", focus_name (f));
      g_assert_true (focus_is_in (f, focused));
      g_assert_false (focus_is_in (f, "cancel_button"));
      g_assert_cmpuint (f->n_signed_in, ==, 0);

      /* Enter there tries again. */
      if (cases[i].what != CASE_UNREACHABLE)
        g_assert_cmpuint (f->keystone.n_token_requests, >, requests);
      requests = f->keystone.n_token_requests;
      press_enter (f);
      if (cases[i].what == CASE_TIMEOUT)
        release_held (&f->keystone);
      if (cases[i].what != CASE_UNREACHABLE)
        g_assert_cmpuint (f->keystone.n_token_requests, >, requests);
      g_assert_true (ak_ui_test_is_shown (f->dialog, cases[i].message_label));
      g_assert_true (focus_is_in (f, focused));

      /* Changing the field the message is about takes the stale message
       * away. */
      ak_ui_test_set_text (f->dialog, focused, "changed");
      g_assert_false (ak_ui_test_is_shown (f->dialog, cases[i].message_label));
      g_assert_false (ak_ui_test_is_shown (f->dialog, "message_box"));

      close_dialog (f);
    }
}

/* What people paste as the address signs in, saved as the address of the
 * sign-in service; a dashboard's address is refused before anything is sent,
 * saying where to find the right one. */
static void
test_address_forms (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *root = g_strndup (f->keystone.url, strlen (f->keystone.url) - strlen ("/v3"));
  g_autofree char *slash = g_strconcat (root, "/", NULL);
  g_autofree char *v3_slash = g_strconcat (root, "/v3/", NULL);
  g_autofree char *spaces = g_strconcat ("  ", f->keystone.url, " \n", NULL);
  g_autofree char *dashboard = g_strconcat (root, "/dashboard/", NULL);
  const char *forms[] = { root, slash, v3_slash, spaces };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(AkAccount) stored = NULL;

      g_test_message ("address “%s”", forms[i]);
      f->n_signed_in = 0;
      open_dialog (f, NULL);
      fill_member (f, forms[i], ALICE_PASSWORD);
      ak_ui_test_click_id (f->dialog, "sign_in_button");
      g_assert_true (ak_ui_test_await (signed_in, f));
      g_assert_cmpstr (ak_account_get_auth_url (f->signed_in_account), ==, f->keystone.url);
      g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
    }

  f->keystone.n_token_requests = 0;
  open_dialog (f, NULL);
  fill_member (f, dashboard, ALICE_PASSWORD);
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_false (ak_account_dialog_get_busy (f->dialog));
  g_assert_true (ak_ui_test_is_shown (f->dialog, "url_error_label"));
  g_assert_true (g_str_has_prefix (ak_ui_test_label_text (f->dialog, "url_error_label"),
                                   "This is the address of your cloud’s dashboard"));
  g_assert_true (focus_is_in (f, "url_row"));
  g_assert_cmpuint (f->keystone.n_token_requests, ==, 0);
}

/* The name field: a readable default that follows the fields until the
 * person types one, which is saved with the account. */
static void
test_name (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AkAccountStore) reloaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AkAccount *account;
  const char *name;

  open_dialog (f, NULL);
  fill_member (f, "https://cloud.example.com/v3", ALICE_PASSWORD);
  name = ak_ui_test_get_text (f->dialog, "name_row");
  g_assert_cmpstr (name, ==, "alice in demo on cloud.example.com");

  /* Typed, it stays as typed when the other fields change. */
  ak_ui_test_set_text (f->dialog, "name_row", "Work cloud");
  ak_ui_test_set_text (f->dialog, "url_row", f->keystone.url);
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "name_row"), ==, "Work cloud");

  /* A project in another domain, under More options. */
  ak_ui_test_set_text (f->dialog, "project_domain_row", "Projects");
  ak_ui_test_click_id (f->dialog, "sign_in_button");
  g_assert_true (ak_ui_test_await (signed_in, f));
  g_assert_cmpstr (ak_account_get_label (f->signed_in_account), ==, "Work cloud");
  g_assert_cmpstr (ak_account_get_user_domain (f->signed_in_account), ==, "Default");
  g_assert_cmpstr (ak_account_get_project_domain (f->signed_in_account), ==, "Projects");

  /* Saved: read again from the file, the name is there. */
  reloaded = ak_account_store_new (f->store_path);
  ak_account_store_load_async (reloaded, NULL, ak_ui_test_store_result_cb, &result);
  g_assert_true (ak_ui_test_await (ak_ui_test_result_is_set, &result));
  g_assert_true (ak_account_store_load_finish (reloaded, result, &error));
  g_assert_no_error (error);
  account = ak_account_store_find (reloaded, ak_account_get_id (f->signed_in_account));
  g_assert_nonnull (account);
  g_assert_cmpstr (ak_account_get_display_label (account), ==, "Work cloud");

  /* Editing shows it, and the domains that are not the usual one. */
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->dialog));
  open_dialog (f, f->signed_in_account);
  g_assert_cmpstr (ak_ui_test_get_text (f->dialog, "name_row"), ==, "Work cloud");
  g_assert_true (adw_expander_row_get_expanded (
                   ADW_EXPANDER_ROW (ak_ui_test_get_widget (f->dialog, "options_row"))));
}

/* The account menu ------------------------------------------------------- */

typedef struct
{
  Fixture         base;
  GtkWindow      *window;
  AkAccountMenu  *menu;
  AkAccount      *first;
  AkAccount      *second;
  char           *switched_to;
  char           *edited;
} MenuFixture;

static void
switch_account_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MenuFixture *f = user_data;

  g_free (f->switched_to);
  f->switched_to = g_variant_dup_string (parameter, NULL);
}

static void
edit_account_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MenuFixture *f = user_data;

  g_free (f->edited);
  f->edited = g_variant_dup_string (parameter, NULL);
}

static void
menu_set_up (MenuFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = NULL;

  fixture_set_up (&f->base, data);

  f->first = new_member_account ("https://one.example.com/v3");
  f->second = new_member_account ("https://two.example.com/v3");
  ak_account_set_label (f->second, "Second cloud");
  save_account (f->base.store, f->first, ALICE_PASSWORD);
  save_account (f->base.store, f->second, ALICE_PASSWORD);

  action = g_simple_action_new ("switch-account", G_VARIANT_TYPE_STRING);
  g_signal_connect (action, "activate", G_CALLBACK (switch_account_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  g_clear_object (&action);
  action = g_simple_action_new ("edit-account", G_VARIANT_TYPE_STRING);
  g_signal_connect (action, "activate", G_CALLBACK (edit_account_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *)&f->window);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  f->menu = AK_ACCOUNT_MENU (ak_account_menu_new (f->base.store));
  ak_account_menu_set_current_account (f->menu, f->first);
  gtk_window_set_child (f->window, GTK_WIDGET (f->menu));
  gtk_window_present (f->window);
}

static void
menu_tear_down (MenuFixture   *f,
                gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Message dialogs left open by a failed test. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != f->window)
        gtk_window_destroy (window);
    }

  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_assert_true (ak_ui_test_await (ak_ui_test_pointer_is_null, &f->window));
  g_clear_object (&f->first);
  g_clear_object (&f->second);
  g_clear_pointer (&f->switched_to, g_free);
  g_clear_pointer (&f->edited, g_free);
  fixture_tear_down (&f->base, data);
}

static AkConfirmation *
find_message_dialog (void)
{
  return ak_ui_test_find_confirmation (NULL);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
message_dialog_gone (gpointer data)
{
  return find_message_dialog () == NULL;
}

static gboolean
store_has_one (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) == 1;
}

static void
answer_message_dialog (const char *response)
{
  AkConfirmation *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  ak_ui_test_click (ak_ui_test_find_button (ak_confirmation_get_dialog (dialog), response));
  g_assert_true (ak_ui_test_await (message_dialog_gone, NULL));
}

static GtkWidget *
row_child (GtkListBoxRow *row,
           guint          nth)
{
  GtkWidget *child = gtk_widget_get_first_child (gtk_list_box_row_get_child (row));

  for (; nth > 0; nth--)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static void
test_menu_lists_accounts (MenuFixture   *f,
                          gconstpointer  data)
{
  GtkListBox *list;
  GtkListBoxRow *row;
  GtkWidget *button_label;

  button_label = ak_ui_test_get_widget (f->menu, "button_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (button_label)), ==,
                   ak_account_get_display_label (f->first));

  ak_account_menu_popup (f->menu);
  list = GTK_LIST_BOX (ak_ui_test_get_widget (f->menu, "list_box"));

  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, 0))), ==,
                   ak_account_get_display_label (f->first));
  g_assert_cmpfloat (gtk_widget_get_opacity (row_child (row, 1)), ==, 1.0);

  row = gtk_list_box_get_row_at_index (list, 1);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, 0))), ==, "Second cloud");
  g_assert_cmpfloat (gtk_widget_get_opacity (row_child (row, 1)), ==, 0.0);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* Choosing the other account asks the window to switch to it. */
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (f->switched_to, ==, ak_account_get_id (f->second));

  /* Once the window has switched, the menu follows. */
  ak_account_menu_set_current_account (f->menu, f->second);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (button_label)), ==, "Second cloud");
  g_assert_cmpfloat (gtk_widget_get_opacity (row_child (gtk_list_box_get_row_at_index (list, 0),
                                                         1)), ==, 0.0);
  g_assert_cmpfloat (gtk_widget_get_opacity (row_child (row, 1)), ==, 1.0);

  /* A renamed account is renamed in the list and on the button. */
  ak_account_set_label (f->second, "Renamed cloud");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (button_label)), ==, "Renamed cloud");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_child (row, 0))), ==, "Renamed cloud");
}

static void
test_menu_edit (MenuFixture   *f,
                gconstpointer  data)
{
  /* Edit Account… asks the window to edit the current account. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->menu), "account-menu.edit", NULL));
  g_assert_cmpstr (f->edited, ==, ak_account_get_id (f->first));

  /* Without a current account there is nothing to edit or remove. */
  ak_account_menu_set_current_account (f->menu, NULL);
  g_assert_cmpstr (ak_ui_test_label_text (f->menu, "button_label"), ==, "No Account");
  g_clear_pointer (&f->edited, g_free);
  gtk_widget_activate_action (GTK_WIDGET (f->menu), "account-menu.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->menu), "account-menu.remove", NULL);
  g_assert_null (f->edited);
  g_assert_null (find_message_dialog ());
}


static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* Rename… asks for a name, the current one filled in, and saves the new one
 * with the account: the menu shows it, and it is in the file. */
static void
test_menu_rename (MenuFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(AkAccountStore) reloaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AkConfirmation *dialog;
  GtkWidget *entry;
  GtkWidget *rename;
  AkAccount *stored;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->menu), "account-menu.rename", NULL));
  g_assert_true (ak_ui_test_await (message_dialog_shown, NULL));
  dialog = find_message_dialog ();
  g_assert_cmpstr (ak_confirmation_get_heading (dialog), ==, "Rename Account");
  g_assert_cmpstr (ak_confirmation_get_close_response (dialog), ==, "cancel");

  entry = ak_ui_test_find_by_type (ak_confirmation_get_dialog (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   ak_account_get_display_label (f->first));

  /* No name, no rename. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (ak_confirmation_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (GTK_EDITABLE (entry), " Lab cloud ");
  g_assert_true (ak_confirmation_get_response_enabled (dialog, "rename"));

  /* Cancel keeps the old name. */
  answer_message_dialog ("_Cancel");
  ak_ui_test_drain ();
  g_assert_null (ak_account_get_label (f->first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->menu), "account-menu.rename", NULL));
  g_assert_true (ak_ui_test_await (message_dialog_shown, NULL));
  dialog = find_message_dialog ();
  entry = ak_ui_test_find_by_type (ak_confirmation_get_dialog (dialog), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), " Lab cloud ");
  rename = ak_ui_test_find_button (ak_confirmation_get_dialog (dialog), "_Rename");
  g_assert_nonnull (rename);

  /* Enter in the field renames, as the default answer. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (ak_ui_test_await (message_dialog_gone, NULL));

  stored = ak_account_store_find (f->base.store, ak_account_get_id (f->first));
  ak_ui_test_wait_for (g_strcmp0 (ak_account_get_label (stored), "Lab cloud") == 0);
  ak_ui_test_wait_for (g_strcmp0 (ak_ui_test_label_text (f->menu, "button_label"),
                                  "Lab cloud") == 0);

  /* In the file too, read again once written; the secret was not touched. */
  ak_ui_test_wait_for (file_contains (f->base.store_path, "Lab cloud"));
  reloaded = ak_account_store_new (f->base.store_path);
  ak_account_store_load_async (reloaded, NULL, ak_ui_test_store_result_cb, &result);
  g_assert_true (ak_ui_test_await (ak_ui_test_result_is_set, &result));
  g_assert_true (ak_account_store_load_finish (reloaded, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ak_account_get_label (ak_account_store_find (reloaded,
                                                                ak_account_get_id (f->first))),
                   ==, "Lab cloud");
  g_assert_cmpuint (count_keyring_items (), ==, 2);
}

static void
test_menu_remove_asks_first (MenuFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AkSecret) secret = NULL;
  AkConfirmation *dialog;

  ak_account_menu_popup (f->menu);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->menu), "account-menu.remove", NULL));
  g_assert_true (ak_ui_test_await (message_dialog_shown, NULL));

  dialog = find_message_dialog ();
  g_assert_cmpstr (ak_confirmation_get_heading (dialog), ==, "Remove Account?");
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog),
                            ak_account_get_display_label (f->first)));
  g_assert_nonnull (strstr (ak_confirmation_get_body (dialog), "not touched"));
  g_assert_cmpstr (ak_confirmation_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (ak_confirmation_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (ak_confirmation_get_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  /* Asking removed nothing; Cancel neither. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->base.store)), ==, 2);
  answer_message_dialog ("_Cancel");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->base.store)), ==, 2);
  g_assert_cmpuint (count_keyring_items (), ==, 2);

  /* Remove forgets the account and deletes its saved password. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->menu), "account-menu.remove", NULL));
  g_assert_true (ak_ui_test_await (message_dialog_shown, NULL));
  answer_message_dialog ("_Remove");
  g_assert_true (ak_ui_test_await (store_has_one, f->base.store));
  g_assert_true (ak_account_store_find (f->base.store, ak_account_get_id (f->first)) == NULL);
  g_assert_nonnull (ak_account_store_find (f->base.store, ak_account_get_id (f->second)));
  g_assert_cmpuint (count_keyring_items (), ==, 1);

  secret = lookup_secret (f->base.store, f->first, &error);
  g_assert_error (error, AK_ERROR, AK_ERROR_NOT_FOUND);
  g_assert_null (secret);
}

static AkProvider *
keystone_factory (AkAccount *account,
                  AkSecret  *secret,
                  gpointer   user_data)
{
  AkProvider *provider = ak_keystone_provider_new (account, secret);

  if (provider_timeout > 0)
    ak_keystone_provider_set_timeout (AK_KEYSTONE_PROVIDER (provider), provider_timeout);

  return provider;
}

int
main (int   argc,
      char *argv[])
{
  ak_ui_test_init (&argc, &argv);
  /* The dialog signs in with the app's provider: Keystone, here against a
   * Keystone double. */
  ak_provider_factory_install (keystone_factory, NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_MENU(path, func) \
  g_test_add (path, MenuFixture, NULL, menu_set_up, func, menu_tear_down)

  ADD ("/account-dialog/sign-in/needs-fields", test_sign_in_needs_fields);
  ADD ("/account-dialog/sign-in/success", test_sign_in_success);
  ADD ("/account-dialog/sign-in/wrong-password", test_wrong_password);
  ADD ("/account-dialog/sign-in/unreachable", test_unreachable);
  ADD ("/account-dialog/sign-in/not-keystone", test_not_keystone);
  ADD ("/account-dialog/sign-in/server-error", test_server_error);
  ADD ("/account-dialog/sign-in/no-project-access", test_no_project_access);
  ADD ("/account-dialog/sign-in/cancel", test_cancel_while_verifying);
  ADD ("/account-dialog/sign-in/opens-on-first-empty-field", test_opens_on_first_empty_field);
  ADD ("/account-dialog/sign-in/address-example", test_address_example);
  ADD ("/account-dialog/sign-in/error-focus", test_error_focus);
  ADD ("/account-dialog/sign-in/address-forms", test_address_forms);
  ADD ("/account-dialog/name", test_name);
  ADD ("/account-dialog/unencrypted/switch-shown", test_unencrypted_switch);
  ADD ("/account-dialog/unencrypted/refused", test_unencrypted_refused_until_allowed);
  ADD ("/account-dialog/edit/keeps-password", test_edit_keeps_password);
  ADD ("/account-dialog/edit/sign-in-again", test_sign_in_again_needs_password);
  ADD_MENU ("/account-menu/lists-accounts", test_menu_lists_accounts);
  ADD_MENU ("/account-menu/edit", test_menu_edit);
  ADD_MENU ("/account-menu/rename", test_menu_rename);
  ADD_MENU ("/account-menu/remove-asks-first", test_menu_remove_asks_first);

  return g_test_run ();
}
