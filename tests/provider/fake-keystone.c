/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fake-keystone"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-keystone.h"

typedef struct
{
  char     *id;
  char     *name;
  char     *password;
  char     *project_id;
  gboolean  admin;
} FakeUser;

typedef struct
{
  gboolean  ec2;
  char     *id;
  char     *user_id;
  char     *project_id;
  char     *name;
  char     *secret;
} FakeKey;

typedef struct
{
  FakeUser *user;
  gboolean  delegated;
  gint64    accepted_until;
} FakeToken;

typedef struct
{
  char          *method;
  char          *path;
  FakeFaultKind  kind;
  guint          value;
  guint          times;
} FakeFault;

static void
fake_user_free (FakeUser *user)
{
  g_free (user->id);
  g_free (user->name);
  g_free (user->password);
  g_free (user->project_id);
  g_free (user);
}

static void
fake_key_free (FakeKey *key)
{
  g_free (key->id);
  g_free (key->user_id);
  g_free (key->project_id);
  g_free (key->name);
  g_free (key->secret);
  g_free (key);
}

static void
fake_fault_free (FakeFault *fault)
{
  g_free (fault->method);
  g_free (fault->path);
  g_free (fault);
}

static void
source_destroy_and_unref (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static FakeUser *
find_user (FakeKeystone *fake,
           const char   *id,
           const char   *name)
{
  for (guint i = 0; i < fake->users->len; i++)
    {
      FakeUser *user = g_ptr_array_index (fake->users, i);

      if ((id != NULL && strcmp (user->id, id) == 0) ||
          (name != NULL && strcmp (user->name, name) == 0))
        return user;
    }

  return NULL;
}

static FakeKey *
find_key (FakeKeystone *fake,
          const char   *id)
{
  for (guint i = 0; i < fake->keys->len; i++)
    {
      FakeKey *key = g_ptr_array_index (fake->keys, i);

      if (strcmp (key->id, id) == 0)
        return key;
    }

  return NULL;
}

static const char *
project_name (const char *id)
{
  if (g_strcmp0 (id, FAKE_DEMO_ID) == 0)
    return FAKE_DEMO_NAME;
  if (g_strcmp0 (id, FAKE_ADMIN_PROJECT_ID) == 0)
    return FAKE_ADMIN_PROJECT;
  return "other";
}

static char *
new_id (FakeKeystone *fake,
        const char   *prefix)
{
  return g_strdup_printf ("%s%024u", prefix, ++fake->serial);
}

/* ------------------------------------------------------------------------ */
/* Answers */

static void
set_json (SoupServerMessage *msg,
          guint              status,
          JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
set_error (SoupServerMessage *msg,
           guint              status,
           const char        *message)
{
  g_autofree char *text =
    g_strdup_printf ("{\"error\":{\"code\":%u,\"message\":\"%s\",\"title\":\"%s\"}}",
                     status, message, soup_status_get_phrase (status));

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    text, strlen (text));

  /* Somewhere a client that followed it would fail to reach. */
  if (status >= 300 && status < 400)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                  "http://127.0.0.1:9/v3/elsewhere");
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_ec2 (JsonBuilder *builder,
         FakeKey     *key)
{
  json_builder_begin_object (builder);
  add_string (builder, "user_id", key->user_id);
  add_string (builder, "tenant_id", key->project_id);
  add_string (builder, "access", key->id);
  add_string (builder, "secret", key->secret);
  add_string (builder, "trust_id", NULL);
  json_builder_end_object (builder);
}

static void
add_app_cred (JsonBuilder *builder,
              FakeKey     *key,
              gboolean     with_secret)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", key->id);
  add_string (builder, "name", key->name);
  add_string (builder, "description", NULL);
  add_string (builder, "user_id", key->user_id);
  add_string (builder, "project_id", key->project_id);
  add_string (builder, "expires_at", NULL);
  if (with_secret)
    add_string (builder, "secret", key->secret);
  json_builder_end_object (builder);
}

/* A token for @user, scoped to their project unless @unscoped. */
static void
add_token (FakeKeystone      *fake,
           SoupServerMessage *msg,
           FakeUser          *user,
           gboolean           delegated,
           gboolean           unscoped)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_seconds (now, fake->announced_lifetime);
  g_autofree char *expires_at = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%S.000000Z");
  g_autofree char *issued_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.000000Z");
  g_autofree char *token = g_strdup_printf (FAKE_SECRET_MARK "-token-%u", ++fake->serial);
  FakeToken *info = g_new0 (FakeToken, 1);

  info->user = user;
  info->delegated = delegated;
  info->accepted_until = g_get_monotonic_time () +
                         (gint64) fake->accepted_lifetime * G_USEC_PER_SEC;
  g_hash_table_replace (fake->tokens, g_strdup (token), info);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  add_string (builder, "id", user->id);
  add_string (builder, "name", user->name);
  json_builder_set_member_name (builder, "domain");
  json_builder_begin_object (builder);
  add_string (builder, "id", FAKE_DOMAIN_ID);
  add_string (builder, "name", "Default");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  add_string (builder, "expires_at", expires_at);
  add_string (builder, "issued_at", issued_at);
  /* Keystone's unscoped token has neither a project nor roles. */
  if (!unscoped)
    {
      json_builder_set_member_name (builder, "project");
      json_builder_begin_object (builder);
      add_string (builder, "id", user->project_id);
      add_string (builder, "name", project_name (user->project_id));
      json_builder_set_member_name (builder, "domain");
      json_builder_begin_object (builder);
      add_string (builder, "id", FAKE_DOMAIN_ID);
      add_string (builder, "name", "Default");
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      add_string (builder, "id", "r1");
      add_string (builder, "name", user->admin ? "admin" : "member");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  if (delegated)
    {
      json_builder_set_member_name (builder, "application_credential");
      json_builder_begin_object (builder);
      add_string (builder, "id", "app-cred-signed-in");
      add_string (builder, "name", "signed-in");
      json_builder_set_member_name (builder, "restricted");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  set_json (msg, SOUP_STATUS_CREATED, builder);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Subject-Token", token);
}

static void
handle_auth (FakeKeystone      *fake,
             SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *identity;
  JsonArray *methods;
  const char *method;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_error (msg, 400, "Expecting to find auth in request body.");
      return;
    }

  identity = json_object_get_object_member (
               json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "auth"),
               "identity");
  methods = json_object_get_array_member (identity, "methods");
  method = json_array_get_string_element (methods, 0);

  if (g_strcmp0 (method, "password") == 0)
    {
      JsonObject *auth = json_object_get_object_member (
                           json_node_get_object (json_parser_get_root (parser)), "auth");
      JsonObject *user = json_object_get_object_member (
                           json_object_get_object_member (identity, "password"), "user");
      FakeUser *found = find_user (fake, NULL, json_object_get_string_member (user, "name"));
      const char *project = NULL;

      if (json_object_has_member (auth, "scope"))
        project = json_object_get_string_member (
                    json_object_get_object_member (
                      json_object_get_object_member (auth, "scope"), "project"),
                    "name");
      else
        fake->unscoped_sign_ins++;

      /* As Keystone: the same 401 for a wrong password and for a project
       * on which the user has no role. */
      if (found != NULL &&
          g_strcmp0 (found->password, json_object_get_string_member (user, "password")) == 0 &&
          (project == NULL ||
           (found->project_id != NULL &&
            g_strcmp0 (project, project_name (found->project_id)) == 0)))
        {
          add_token (fake, msg, found, FALSE, project == NULL);
          return;
        }
    }
  else if (g_strcmp0 (method, "application_credential") == 0)
    {
      JsonObject *app_cred = json_object_get_object_member (identity, "application_credential");
      FakeKey *key = find_key (fake, json_object_get_string_member (app_cred, "id"));

      if (key != NULL && !key->ec2 &&
          g_strcmp0 (key->secret, json_object_get_string_member (app_cred, "secret")) == 0)
        {
          add_token (fake, msg, find_user (fake, key->user_id, NULL), TRUE, FALSE);
          return;
        }
    }

  fake->unauthorized++;
  set_error (msg, 401, "The request you have made requires authentication.");
}

static void
list_keys (FakeKeystone      *fake,
           SoupServerMessage *msg,
           const char        *user_id,
           gboolean           ec2,
           gboolean           as_credentials)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, ec2 ? "credentials" : "application_credentials");
  json_builder_begin_array (builder);

  for (guint i = 0; i < fake->keys->len; i++)
    {
      FakeKey *key = g_ptr_array_index (fake->keys, i);

      if (key->ec2 != ec2 || (user_id != NULL && strcmp (key->user_id, user_id) != 0))
        continue;

      if (as_credentials)
        {
          g_autofree char *blob =
            g_strdup_printf ("{\"access\": \"%s\", \"secret\": \"%s\", \"trust_id\": null}",
                             key->id, key->secret);
          g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key->id, -1);

          json_builder_begin_object (builder);
          add_string (builder, "id", id);
          add_string (builder, "type", "ec2");
          add_string (builder, "user_id", key->user_id);
          add_string (builder, "project_id", key->project_id);
          add_string (builder, "blob", blob);
          json_builder_end_object (builder);
        }
      else if (ec2)
        add_ec2 (builder, key);
      else
        add_app_cred (builder, key, FALSE);
    }

  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  add_string (builder, "next", NULL);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  set_json (msg, SOUP_STATUS_OK, builder);
}

/* The users, in pages when fake->users_page is set: a page begins after the
 * user whose ID is the "marker" asked for, and holds at most "limit". */
static void
list_users (FakeKeystone *fake,
            JsonBuilder  *builder,
            const char   *name,
            GHashTable   *query)
{
  const char *marker = query != NULL ? g_hash_table_lookup (query, "marker") : NULL;
  const char *limit = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint size = fake->users_page;
  guint start = 0;
  guint shown = 0;
  const char *last = NULL;

  if (size > 0 && limit != NULL)
    size = MIN (size, (guint) g_ascii_strtoull (limit, NULL, 10));

  if (size > 0 && marker != NULL && fake->pages != FAKE_PAGES_SAME)
    for (guint i = 0; i < fake->users->len; i++)
      if (strcmp (((FakeUser *) g_ptr_array_index (fake->users, i))->id, marker) == 0)
        start = i + 1;

  for (guint i = start; i < fake->users->len && (size == 0 || shown < size); i++)
    {
      FakeUser *user = g_ptr_array_index (fake->users, i);

      if (name != NULL && strcmp (name, user->name) != 0)
        continue;

      json_builder_begin_object (builder);
      add_string (builder, "id", user->id);
      add_string (builder, "name", user->name);
      add_string (builder, "domain_id", FAKE_DOMAIN_ID);
      json_builder_end_object (builder);
      last = user->id;
      shown++;
    }
  json_builder_end_array (builder);

  /* As Keystone: a full page says there may be more. The link names
   * another host: only its marker is to be followed. */
  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  if (size > 0 && shown == size && fake->pages != FAKE_PAGES_TRUNCATED)
    {
      g_autofree char *next = g_strdup_printf ("http://elsewhere.invalid/v3/users?limit=%u&"
                                               "marker=%s", size, last);

      add_string (builder, "next", next);
    }
  else
    {
      add_string (builder, "next", NULL);
    }
  json_builder_end_object (builder);
  if (size > 0 && shown == size)
    {
      json_builder_set_member_name (builder, "truncated");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
}

static void
list_names (FakeKeystone      *fake,
            SoupServerMessage *msg,
            gboolean           users,
            GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *name = query != NULL ? g_hash_table_lookup (query, "name") : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, users ? "users" : "projects");
  json_builder_begin_array (builder);

  if (users)
    {
      list_users (fake, builder, name, query);
      set_json (msg, SOUP_STATUS_OK, builder);
      return;
    }
  else
    {
      const char *ids[] = { FAKE_DEMO_ID, FAKE_ADMIN_PROJECT_ID };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          json_builder_begin_object (builder);
          add_string (builder, "id", ids[i]);
          add_string (builder, "name", project_name (ids[i]));
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  set_json (msg, SOUP_STATUS_OK, builder);
}

static void
create_ec2 (FakeKeystone      *fake,
            SoupServerMessage *msg,
            const char        *user_id)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *tenant_id = NULL;
  g_autofree char *access = NULL;
  FakeKey *key;

  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    tenant_id = json_object_get_string_member_with_default (
                  json_node_get_object (json_parser_get_root (parser)), "tenant_id", NULL);

  if (tenant_id == NULL)
    {
      set_error (msg, 404, "Could not find project: None.");
      return;
    }

  access = fake_keystone_add_ec2 (fake, user_id, tenant_id);
  key = find_key (fake, access);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "credential");
  add_ec2 (builder, key);
  json_builder_end_object (builder);
  set_json (msg, SOUP_STATUS_CREATED, builder);
}

static void
create_app_cred (FakeKeystone      *fake,
                 SoupServerMessage *msg,
                 const char        *user_id)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *secret = NULL;
  g_autofree char *id = NULL;
  const char *name = NULL;

  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));

      if (json_object_has_member (object, "application_credential"))
        name = json_object_get_string_member_with_default (
                 json_object_get_object_member (object, "application_credential"), "name", NULL);
    }

  if (name == NULL)
    {
      set_error (msg, 400, "Invalid input for field 'name'.");
      return;
    }

  for (guint i = 0; i < fake->keys->len; i++)
    {
      FakeKey *key = g_ptr_array_index (fake->keys, i);

      if (!key->ec2 && strcmp (key->user_id, user_id) == 0 && g_strcmp0 (key->name, name) == 0)
        {
          set_error (msg, 409, "Conflict occurred attempting to store application_credential.");
          return;
        }
    }

  secret = g_strdup_printf (FAKE_SECRET_MARK "-app-%u", fake->serial + 1);
  id = fake_keystone_add_app_cred (fake, user_id, name, secret);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "application_credential");
  add_app_cred (builder, find_key (fake, id), TRUE);
  json_builder_end_object (builder);
  set_json (msg, SOUP_STATUS_CREATED, builder);
}

/* POST /v3/credentials, as Keystone 22 answers it for an ec2 blob: the
 * credential's ID is sha256(access), so the same access key twice is 409. */
static void
create_credential (FakeKeystone      *fake,
                   SoupServerMessage *msg,
                   FakeToken         *token)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) blob_parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = NULL;
  JsonObject *credential = NULL;
  JsonObject *blob = NULL;
  const char *type = NULL;
  const char *user_id = NULL;
  const char *project_id = NULL;
  const char *blob_text = NULL;
  const char *access = NULL;
  const char *secret = NULL;
  FakeKey *key;

  if (token->delegated)
    {
      set_error (msg, 403, "You are not authorized to perform the requested action: "
                           "Delegated tokens cannot access credentials directly.");
      return;
    }

  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));

      if (json_object_has_member (root, "credential"))
        credential = json_object_get_object_member (root, "credential");
    }

  if (credential != NULL)
    {
      type = json_object_get_string_member_with_default (credential, "type", NULL);
      user_id = json_object_get_string_member_with_default (credential, "user_id", NULL);
      project_id = json_object_get_string_member_with_default (credential, "project_id", NULL);
      blob_text = json_object_get_string_member_with_default (credential, "blob", NULL);
    }

  if (blob_text != NULL &&
      json_parser_load_from_data (blob_parser, blob_text, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (blob_parser)))
    {
      blob = json_node_get_object (json_parser_get_root (blob_parser));
      access = json_object_get_string_member_with_default (blob, "access", NULL);
      secret = json_object_get_string_member_with_default (blob, "secret", NULL);
    }

  if (g_strcmp0 (type, "ec2") != 0 || user_id == NULL || project_id == NULL || access == NULL)
    {
      set_error (msg, 400, "Invalid blob in credential");
      return;
    }

  if (strcmp (user_id, token->user->id) != 0 && !token->user->admin)
    {
      set_error (msg, 403, "You are not authorized to perform the requested action: "
                           "identity:create_credential.");
      return;
    }

  id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, access, -1);

  if (find_key (fake, access) != NULL)
    {
      g_autofree char *message =
        g_strdup_printf ("Conflict occurred attempting to store credential - Duplicate entry "
                         "found with ID %s.", id);

      set_error (msg, 409, message);
      return;
    }

  key = g_new0 (FakeKey, 1);
  key->ec2 = TRUE;
  key->id = g_strdup (access);
  key->user_id = g_strdup (user_id);
  key->project_id = g_strdup (project_id);
  key->secret = g_strdup (secret);
  g_ptr_array_add (fake->keys, key);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "credential");
  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "type", "ec2");
  add_string (builder, "user_id", user_id);
  add_string (builder, "project_id", project_id);
  add_string (builder, "blob", blob_text);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  set_json (msg, SOUP_STATUS_CREATED, builder);
}

static gboolean
unpause_cb (gpointer data)
{
  SoupServerMessage *msg = data;
  FakeKeystone *fake = g_object_get_data (G_OBJECT (msg), "fake");

  if (g_object_get_data (G_OBJECT (msg), "holding") != NULL)
    fake->holding--;

  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

static void
hold (FakeKeystone      *fake,
      SoupServerMessage *msg,
      guint              ms)
{
  GSource *source = g_timeout_source_new (ms);

  g_object_set_data (G_OBJECT (msg), "fake", fake);
  g_source_set_callback (source, unpause_cb, g_object_ref (msg), g_object_unref);
  g_source_attach (source, NULL);
  g_ptr_array_add (fake->sources, source);
  soup_server_message_pause (msg);
}

/* Routes the API; the message has passed the faults and the token check. */
static void
route (FakeKeystone      *fake,
       SoupServerMessage *msg,
       const char        *method,
       const char        *path,
       GHashTable        *query,
       FakeToken         *token)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  gboolean get = strcmp (method, "GET") == 0;
  gboolean post = strcmp (method, "POST") == 0;
  gboolean delete = strcmp (method, "DELETE") == 0;
  gboolean own;

  /* parts: "", "v3", … */
  if (n == 3 && strcmp (parts[2], "users") == 0 && get)
    {
      if (!token->user->admin || token->delegated)
        set_error (msg, 403, "You are not authorized to perform the requested action: "
                             "identity:list_users.");
      else
        list_names (fake, msg, TRUE, query);
      return;
    }

  if (n == 3 && strcmp (parts[2], "projects") == 0 && get)
    {
      if (!token->user->admin || token->delegated)
        set_error (msg, 403, "You are not authorized to perform the requested action: "
                             "identity:list_projects.");
      else
        list_names (fake, msg, FALSE, query);
      return;
    }

  if (n == 3 && strcmp (parts[2], "credentials") == 0 && get)
    {
      list_keys (fake, msg, token->user->admin ? NULL : token->user->id, TRUE, TRUE);
      return;
    }

  if (n == 3 && strcmp (parts[2], "credentials") == 0 && post)
    {
      create_credential (fake, msg, token);
      return;
    }

  if (n < 5 || strcmp (parts[2], "users") != 0 || find_user (fake, parts[3], NULL) == NULL)
    {
      set_error (msg, 404, "Could not find the resource.");
      return;
    }

  own = strcmp (parts[3], token->user->id) == 0;

  if (n >= 6 && strcmp (parts[4], "credentials") == 0 && strcmp (parts[5], "OS-EC2") == 0)
    {
      if (token->delegated)
        {
          set_error (msg, 403, "You are not authorized to perform the requested action: "
                               "Delegated tokens cannot access credentials directly.");
          return;
        }

      if (n == 6 && (get || post))
        {
          if (!own && !token->user->admin)
            set_error (msg, 403, "You are not authorized to perform the requested action: "
                                 "identity:ec2_list_credentials.");
          else if (get)
            list_keys (fake, msg, parts[3], TRUE, FALSE);
          else
            create_ec2 (fake, msg, parts[3]);
        }
      else if (n == 7 && (get || delete))
        {
          FakeKey *key = find_key (fake, parts[6]);

          /* Like Keystone: a missing key is 404 for everyone. */
          if (key == NULL || !key->ec2)
            set_error (msg, 404, "Could not find credential.");
          else if (strcmp (key->user_id, token->user->id) != 0 && !token->user->admin)
            set_error (msg, 403, "You are not authorized to perform the requested action: "
                                 "identity:ec2_delete_credential.");
          else if (delete)
            {
              g_ptr_array_remove (fake->keys, key);
              soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
            }
          else
            {
              g_autoptr(JsonBuilder) builder = json_builder_new ();

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "credential");
              add_ec2 (builder, key);
              json_builder_end_object (builder);
              set_json (msg, SOUP_STATUS_OK, builder);
            }
        }
      else
        set_error (msg, 405, "The method is not allowed for the requested URL.");
      return;
    }

  if (n >= 5 && strcmp (parts[4], "application_credentials") == 0)
    {
      /* Like Keystone: another user's, even a missing one, is 403. */
      if (!own && !token->user->admin)
        {
          set_error (msg, 403, "You are not authorized to perform the requested action: "
                               "identity:delete_application_credential.");
          return;
        }

      if (n == 5 && get)
        list_keys (fake, msg, parts[3], FALSE, FALSE);
      else if (n == 5 && post)
        create_app_cred (fake, msg, parts[3]);
      else if (n == 6 && (get || delete))
        {
          FakeKey *key = find_key (fake, parts[5]);

          if (key == NULL || key->ec2 || strcmp (key->user_id, parts[3]) != 0)
            set_error (msg, 404, "Could not find Application Credential.");
          else if (delete)
            {
              g_ptr_array_remove (fake->keys, key);
              soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
            }
          else
            {
              g_autoptr(JsonBuilder) builder = json_builder_new ();

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "application_credential");
              add_app_cred (builder, key, FALSE);
              json_builder_end_object (builder);
              set_json (msg, SOUP_STATUS_OK, builder);
            }
        }
      else
        set_error (msg, 405, "The method is not allowed for the requested URL.");
      return;
    }

  set_error (msg, 404, "Could not find the resource.");
}

/* ------------------------------------------------------------------------ */
/* Faults */

static void
write_raw_and_close (SoupServerMessage *msg,
                     const char        *text)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *output = g_io_stream_get_output_stream (stream);

  if (text != NULL)
    g_output_stream_write_all (output, text, strlen (text), NULL, NULL, NULL);

  g_io_stream_close (stream, NULL, NULL);
}

static void
huge_wrote_cb (SoupServerMessage *msg,
               guint              chunk_size,
               FakeKeystone      *fake)
{
  fake->huge_bytes_written += chunk_size;
}

static void
huge_next_chunk (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  guint64 appended = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), "appended"));
  static char chunk[64 * 1024];

  if (appended >= FAKE_HUGE_SIZE)
    {
      soup_message_body_complete (body);
      return;
    }

  memset (chunk, ' ', sizeof chunk);
  soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, sizeof chunk);
  g_object_set_data (G_OBJECT (msg), "appended", GSIZE_TO_POINTER (appended + sizeof chunk));
}

static void
huge_chunk_cb (SoupServerMessage *msg,
               FakeKeystone      *fake)
{
  huge_next_chunk (msg);
  soup_server_message_unpause (msg);
}

static void
huge_finished_cb (SoupServerMessage *msg,
                  FakeKeystone      *fake)
{
  fake->huge_finished++;
}

static void
start_huge (FakeKeystone      *fake,
            SoupServerMessage *msg,
            gboolean           chunked)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (headers, "Content-Type", "application/json");

  if (chunked)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, FAKE_HUGE_SIZE);

  /* Only what the client reads is produced: nothing piles up here. */
  soup_message_body_set_accumulate (body, FALSE);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (huge_wrote_cb), fake);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (huge_chunk_cb), fake);
  g_signal_connect (msg, "finished", G_CALLBACK (huge_finished_cb), fake);
  huge_next_chunk (msg);
}

/* A trickle: one byte at a time, never the whole announced body. */
typedef struct
{
  FakeKeystone *fake;
  GIOStream    *stream;
} Trickle;

static void
trickle_free (gpointer data)
{
  Trickle *trickle = data;

  g_io_stream_close (trickle->stream, NULL, NULL);
  g_object_unref (trickle->stream);
  g_free (trickle);
}

static gboolean
trickle_cb (gpointer data)
{
  Trickle *trickle = data;
  GOutputStream *output = g_io_stream_get_output_stream (trickle->stream);

  /* Fails once the client has closed the connection. */
  if (g_output_stream_write (output, " ", 1, NULL, NULL) != 1)
    {
      trickle->fake->trickles_ended++;
      return G_SOURCE_REMOVE;
    }

  trickle->fake->trickled_bytes++;

  return G_SOURCE_CONTINUE;
}

static void
start_trickle (FakeKeystone      *fake,
               SoupServerMessage *msg,
               guint              interval_ms)
{
  static const char head[] = "HTTP/1.1 200 OK\r\n"
                             "Content-Type: application/json\r\n"
                             "Content-Length: 1048576\r\n"
                             "\r\n"
                             "{";
  Trickle *trickle = g_new0 (Trickle, 1);
  GSource *source;

  trickle->fake = fake;
  trickle->stream = soup_server_message_steal_connection (msg);
  g_output_stream_write_all (g_io_stream_get_output_stream (trickle->stream), head,
                             strlen (head), NULL, NULL, NULL);

  source = g_timeout_source_new (interval_ms);
  g_source_set_callback (source, trickle_cb, trickle, trickle_free);
  g_source_attach (source, NULL);
  g_ptr_array_add (fake->sources, source);
}

/* Writes the answer @route made as a chunked one by hand, in small chunks,
 * so that the client cannot know its size before the end. */
static void
write_chunked_and_close (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GIOStream) stream = NULL;
  const char *data = g_bytes_get_data (body, NULL);
  gsize len = g_bytes_get_size (body);
  guint status = soup_server_message_get_status (msg);

  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n"
                                "Content-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n"
                                "Connection: close\r\n"
                                "\r\n",
                          status, soup_status_get_phrase (status));

  for (gsize at = 0; at < len; at += 4096)
    {
      gsize n = MIN (4096, len - at);

      g_string_append_printf (text, "%" G_GSIZE_MODIFIER "x\r\n", n);
      g_string_append_len (text, data + at, n);
      g_string_append (text, "\r\n");
    }

  g_string_append (text, "0\r\n\r\n");

  stream = soup_server_message_steal_connection (msg);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), text->str, text->len,
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static FakeFault *
take_fault (FakeKeystone *fake,
            const char   *method,
            const char   *path)
{
  for (GList *l = fake->faults.head; l != NULL; l = l->next)
    {
      FakeFault *fault = l->data;

      if (strcmp (fault->method, method) == 0 && strcmp (fault->path, path) == 0)
        {
          FakeFault *copy = g_memdup2 (fault, sizeof *fault);

          copy->method = g_strdup (fault->method);
          copy->path = g_strdup (fault->path);

          if (--fault->times == 0)
            {
              g_queue_delete_link (&fake->faults, l);
              fake_fault_free (fault);
            }

          return copy;
        }
    }

  return NULL;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FakeKeystone *fake = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *counted = g_strconcat (method, " ", path, NULL);
  FakeFault *fault;
  FakeToken *token = NULL;

  fake->requests++;
  g_free (fake->user_agent);
  fake->user_agent = g_strdup (soup_message_headers_get_one (
                                 soup_server_message_get_request_headers (msg), "User-Agent"));
  g_hash_table_replace (fake->counts, g_strdup (counted),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fake->counts,
                                                                                 counted)) + 1));

  fault = take_fault (fake, method, path);

  if (fault != NULL)
    {
      g_autofree FakeFault *owned = fault;
      g_autofree char *fault_method = fault->method;
      g_autofree char *fault_path = fault->path;

      switch (fault->kind)
        {
        case FAKE_FAULT_STATUS:
          if (fault->value == 401)
            fake->unauthorized++;
          set_error (msg, fault->value, "Injected failure.");
          return;

        case FAKE_FAULT_WEB_PAGE:
          {
            static const char text[] =
              "<!DOCTYPE html>\n<html><head><title>Example</title></head>"
              "<body><h1>Welcome to our web site</h1></body></html>\n";

            soup_server_message_set_status (msg, fault->value, NULL);
            soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                              text, strlen (text));
          }
          return;

        case FAKE_FAULT_OTHER_JSON:
          {
            static const char text[] = "{\"status\": \"ok\", \"version\": \"2.1.0\"}";

            soup_server_message_set_status (msg, fault->value, NULL);
            soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                              text, strlen (text));
          }
          return;

        case FAKE_FAULT_CLOSE_MID_BODY:
          write_raw_and_close (msg, "HTTP/1.1 200 OK\r\n"
                                    "Content-Type: application/json\r\n"
                                    "Content-Length: 1000\r\n"
                                    "\r\n"
                                    "{\"credentials\": [");
          return;

        case FAKE_FAULT_TRUNCATED_JSON:
          {
            static const char text[] =
              "{\"credentials\": [{\"user_id\": \"" FAKE_ALICE_ID "\", \"ten";

            soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
            soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                              text, strlen (text));
          }
          return;

        case FAKE_FAULT_WRONG_TYPES:
          {
            static const char text[] =
              "{\"credentials\": [{\"user_id\": 17, \"tenant_id\": [], \"access\": {}}],"
              " \"application_credentials\": \"none\"}";

            soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
            soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                              text, strlen (text));
          }
          return;

        case FAKE_FAULT_HUGE_LENGTH:
        case FAKE_FAULT_HUGE_CHUNKED:
          start_huge (fake, msg, fault->kind == FAKE_FAULT_HUGE_CHUNKED);
          return;

        case FAKE_FAULT_TRICKLE:
          start_trickle (fake, msg, fault->value);
          return;

        case FAKE_FAULT_SLOW:
        case FAKE_FAULT_CHUNKED:
        case FAKE_FAULT_DROP:
        case FAKE_FAULT_DROP_PARTIAL:
          break;

        default:
          g_assert_not_reached ();
        }

      /* The rest do the work first. */
      if (strcmp (path, "/v3/auth/tokens") == 0)
        handle_auth (fake, msg);
      else
        {
          const char *header = soup_message_headers_get_one (
                                 soup_server_message_get_request_headers (msg), "X-Auth-Token");

          token = header != NULL ? g_hash_table_lookup (fake->tokens, header) : NULL;
          if (token == NULL)
            set_error (msg, 401, "The request you have made requires authentication.");
          else
            route (fake, msg, method, path, query, token);
        }

      if (fault->kind == FAKE_FAULT_SLOW)
        hold (fake, msg, fault->value);
      else if (fault->kind == FAKE_FAULT_CHUNKED)
        write_chunked_and_close (msg);
      else if (fault->kind == FAKE_FAULT_DROP)
        write_raw_and_close (msg, NULL);
      else
        write_raw_and_close (msg, "HTTP/1.1 2");
      return;
    }

  if (strcmp (method, "POST") == 0 && strcmp (path, "/v3/auth/tokens") == 0)
    {
      handle_auth (fake, msg);
      return;
    }

  {
    const char *header = soup_message_headers_get_one (
                           soup_server_message_get_request_headers (msg), "X-Auth-Token");

    if (header != NULL)
      token = g_hash_table_lookup (fake->tokens, header);
  }

  if (token == NULL || g_get_monotonic_time () >= token->accepted_until)
    {
      fake->unauthorized++;
      set_error (msg, 401, "The request you have made requires authentication.");
      return;
    }

  route (fake, msg, method, path, query, token);

  /* Per-user key lists may be held, to count how many are under way. */
  if (fake->hold_ms > 0 && g_str_has_prefix (path, "/v3/users/") && strcmp (method, "GET") == 0)
    {
      fake->holding++;
      fake->max_holding = MAX (fake->max_holding, fake->holding);
      g_object_set_data (G_OBJECT (msg), "holding", GINT_TO_POINTER (1));
      hold (fake, msg, fake->hold_ms);
    }
}

/* ------------------------------------------------------------------------ */

FakeKeystone *
fake_keystone_new (void)
{
  FakeKeystone *fake = g_new0 (FakeKeystone, 1);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fake->announced_lifetime = 3600;
  fake->accepted_lifetime = 3600;
  fake->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fake->users = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_user_free);
  fake->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_key_free);
  fake->sources = g_ptr_array_new_with_free_func (source_destroy_and_unref);
  g_queue_init (&fake->faults);

  fake_keystone_add_user (fake, FAKE_ALICE_ID, FAKE_ALICE_NAME, FAKE_ALICE_PASSWORD,
                          FAKE_DEMO_ID, FALSE);
  fake_keystone_add_user (fake, FAKE_ADMIN_ID, FAKE_ADMIN_NAME, FAKE_ADMIN_PASSWORD,
                          FAKE_ADMIN_PROJECT_ID, TRUE);

  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, handler, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fake->server);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d/v3", g_uri_get_port (uris->data));

  return fake;
}

void
fake_keystone_free (FakeKeystone *fake)
{
  g_clear_pointer (&fake->sources, g_ptr_array_unref);
  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);

  /* The connections finish closing on the main loop: let them, or their
   * sockets outlive the test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&fake->url, g_free);
  g_clear_pointer (&fake->user_agent, g_free);
  g_clear_pointer (&fake->counts, g_hash_table_unref);
  g_clear_pointer (&fake->tokens, g_hash_table_unref);
  g_clear_pointer (&fake->users, g_ptr_array_unref);
  g_clear_pointer (&fake->keys, g_ptr_array_unref);
  g_queue_clear_full (&fake->faults, (GDestroyNotify) fake_fault_free);
  g_free (fake);
}

void
fake_keystone_add_user (FakeKeystone *fake,
                        const char   *id,
                        const char   *name,
                        const char   *password,
                        const char   *project_id,
                        gboolean      admin)
{
  FakeUser *user = g_new0 (FakeUser, 1);

  user->id = g_strdup (id);
  user->name = g_strdup (name);
  user->password = g_strdup (password);
  user->project_id = g_strdup (project_id);
  user->admin = admin;
  g_ptr_array_add (fake->users, user);
}

/* Takes away @user_id's role on their project, which revokes their
 * tokens: they may still sign in, but only without a project. */
void
fake_keystone_remove_role (FakeKeystone *fake,
                           const char   *user_id)
{
  FakeUser *user = find_user (fake, user_id, NULL);
  GHashTableIter iter;
  FakeToken *token;

  g_assert_nonnull (user);
  g_clear_pointer (&user->project_id, g_free);

  g_hash_table_iter_init (&iter, fake->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &token))
    if (token->user == user)
      g_hash_table_iter_remove (&iter);
}

char *
fake_keystone_add_ec2 (FakeKeystone *fake,
                       const char   *user_id,
                       const char   *project_id)
{
  FakeKey *key = g_new0 (FakeKey, 1);

  key->ec2 = TRUE;
  key->id = new_id (fake, "ec2a");
  key->user_id = g_strdup (user_id);
  key->project_id = g_strdup (project_id);
  key->secret = g_strdup_printf (FAKE_SECRET_MARK "-ec2-%u", fake->serial);
  g_ptr_array_add (fake->keys, key);

  return g_strdup (key->id);
}

char *
fake_keystone_add_app_cred (FakeKeystone *fake,
                            const char   *user_id,
                            const char   *name,
                            const char   *secret)
{
  FakeKey *key = g_new0 (FakeKey, 1);
  FakeUser *user = find_user (fake, user_id, NULL);

  key->ec2 = FALSE;
  key->id = new_id (fake, "app0");
  key->user_id = g_strdup (user_id);
  key->project_id = g_strdup (user != NULL ? user->project_id : FAKE_DEMO_ID);
  key->name = g_strdup (name);
  key->secret = secret != NULL ? g_strdup (secret) :
                g_strdup_printf (FAKE_SECRET_MARK "-app-%u", fake->serial);
  g_ptr_array_add (fake->keys, key);

  return g_strdup (key->id);
}

gboolean
fake_keystone_has_key (FakeKeystone *fake,
                       const char   *id)
{
  return find_key (fake, id) != NULL;
}

/* The secret the fake holds for the key @id, or %NULL when it has none. */
const char *
fake_keystone_get_secret (FakeKeystone *fake,
                          const char   *id)
{
  FakeKey *key = find_key (fake, id);

  return key != NULL ? key->secret : NULL;
}

const char *
fake_keystone_get_user_id (FakeKeystone *fake,
                           const char   *id)
{
  FakeKey *key = find_key (fake, id);

  return key != NULL ? key->user_id : NULL;
}

guint
fake_keystone_n_keys (FakeKeystone *fake)
{
  return fake->keys->len;
}

void
fake_keystone_add_fault (FakeKeystone  *fake,
                         const char    *method,
                         const char    *path,
                         FakeFaultKind  kind,
                         guint          value,
                         guint          times)
{
  FakeFault *fault = g_new0 (FakeFault, 1);

  fault->method = g_strdup (method);
  fault->path = g_strdup (path);
  fault->kind = kind;
  fault->value = value;
  fault->times = times;
  g_queue_push_tail (&fake->faults, fault);
}

guint
fake_keystone_count (FakeKeystone *fake,
                     const char   *method,
                     const char   *path)
{
  g_autofree char *counted = g_strconcat (method, " ", path, NULL);

  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->counts, counted));
}

guint
fake_keystone_sign_ins (FakeKeystone *fake)
{
  return fake_keystone_count (fake, "POST", "/v3/auth/tokens");
}
