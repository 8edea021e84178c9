/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real-Keystone fixture itself (run under tests/harness/with-keystone.sh):
 * the server answers on loopback, the member can sign in, and keystone.sh stop
 * really ends it. Every other test of the keystone suite relies on this. */

#define G_LOG_DOMAIN "test-fixture-smoke"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ak-test-util.h"

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 30, NULL);
}

/* Sends MESSAGE and parses the body as JSON (NULL when there is none). */
static JsonNode *
send_for_json (SoupSession *session,
               SoupMessage *message,
               GError     **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  body = soup_session_send_and_read (session, message, NULL, error);
  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (size == 0)
    return NULL;
  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static SoupMessage *
new_password_auth (const char *user,
                   const char *password,
                   const char *project)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  SoupMessage *message;
  char *json;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "auth");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identity");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "methods");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "password");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "password");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "domain");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ak_test_env ("AK_TEST_DOMAIN"));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "scope");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "project");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, project);
  json_builder_set_member_name (builder, "domain");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ak_test_env ("AK_TEST_DOMAIN"));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  body = g_bytes_new_take (json, strlen (json));

  url = g_strconcat (ak_test_env ("AK_TEST_KEYSTONE_URL"), "/auth/tokens", NULL);
  message = soup_message_new (SOUP_METHOD_POST, url);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  return message;
}

static void
test_environment (void)
{
  const char *names[] = {
    "AK_TEST_KEYSTONE_URL", "AK_TEST_DOMAIN",
    "AK_TEST_ADMIN_USER", "AK_TEST_ADMIN_PASSWORD", "AK_TEST_ADMIN_PROJECT",
    "AK_TEST_ADMIN_USER_ID", "AK_TEST_ADMIN_PROJECT_ID",
    "AK_TEST_MEMBER_USER", "AK_TEST_MEMBER_PASSWORD", "AK_TEST_MEMBER_PROJECT",
    "AK_TEST_MEMBER_USER_ID", "AK_TEST_MEMBER_PROJECT_ID",
  };
  const char *url = ak_test_env ("AK_TEST_KEYSTONE_URL");

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (ak_test_env (names[i]));

  /* The fixture never listens beyond loopback. */
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url, "/v3"));
  g_assert_cmpstr (ak_test_env ("AK_TEST_DOMAIN"), ==, "Default");
}

static void
test_version_document (void)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET,
                                                     ak_test_env ("AK_TEST_KEYSTONE_URL"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *version;

  root = send_for_json (session, message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  g_assert_nonnull (root);

  version = json_object_get_object_member (json_node_get_object (root), "version");
  g_assert_nonnull (version);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (version, "id"), "v3."));
  g_assert_cmpstr (json_object_get_string_member (version, "status"), ==, "stable");
}

static gboolean
token_has_role (JsonObject *token,
                const char *role)
{
  JsonArray *roles = json_object_get_array_member (token, "roles");

  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *item = json_array_get_object_element (roles, i);

      if (g_strcmp0 (json_object_get_string_member (item, "name"), role) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_member_token (void)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *token;
  const char *subject_token;

  message = new_password_auth (ak_test_env ("AK_TEST_MEMBER_USER"),
                               ak_test_env ("AK_TEST_MEMBER_PASSWORD"),
                               ak_test_env ("AK_TEST_MEMBER_PROJECT"));
  root = send_for_json (session, message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_CREATED);

  /* The token itself is a secret: check it is there, never print it. */
  subject_token = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                "X-Subject-Token");
  g_assert_true (subject_token != NULL && *subject_token != '\0');

  g_assert_nonnull (root);
  token = json_object_get_object_member (json_node_get_object (root), "token");
  g_assert_nonnull (token);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (token, "user"),
                                                  "id"),
                   ==, ak_test_env ("AK_TEST_MEMBER_USER_ID"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (token,
                                                                                 "project"),
                                                  "id"),
                   ==, ak_test_env ("AK_TEST_MEMBER_PROJECT_ID"));
  g_assert_true (token_has_role (token, "member"));
  g_assert_false (token_has_role (token, "admin"));
}

static void
test_wrong_password (void)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  message = new_password_auth (ak_test_env ("AK_TEST_MEMBER_USER"), "not-the-password",
                               ak_test_env ("AK_TEST_MEMBER_PROJECT"));
  root = send_for_json (session, message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                               "X-Subject-Token"));
}

/* Whether PID names a process that still runs: gone, or a zombie waiting for
 * a late reaper, both count as ended. */
static gboolean
process_is_running (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;

  end = strrchr (stat, ')');
  g_assert_nonnull (end);
  return end[1] == ' ' && end[2] != 'Z' && end[2] != 'X';
}

static void
test_stop (void)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *pid = ak_test_env ("AK_TEST_KEYSTONE_PID");
  const char *argv[] = {
    "bash", ak_test_env ("AK_TEST_KEYSTONE_SH"), "stop", ak_test_env ("AK_TEST_KEYSTONE_DIR"), NULL
  };
  int wait_status;

  g_assert_true (process_is_running (pid));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);

  g_assert_false (process_is_running (pid));

  message = soup_message_new (SOUP_METHOD_GET, ak_test_env ("AK_TEST_KEYSTONE_URL"));
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/keystone/fixture/environment", test_environment);
  g_test_add_func ("/keystone/fixture/version-document", test_version_document);
  g_test_add_func ("/keystone/fixture/member-token", test_member_token);
  g_test_add_func ("/keystone/fixture/wrong-password", test_wrong_password);
  /* Last: it ends the server the other tests talk to. */
  g_test_add_func ("/keystone/fixture/stop", test_stop);

  return g_test_run ();
}
