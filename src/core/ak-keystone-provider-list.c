/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include "ak-keystone-provider-private.h"

/* Listing keys: a queue of GET requests, at most AK_KEYSTONE_MAX_IN_FLIGHT
 * at a time, whose answers are parsed (large ones in a worker thread) and
 * gathered; the names of owners and projects are filled in at the end. The
 * first failure stops the rest. An entry of a list that cannot be read
 * safely is no failure: it is gathered apart as an AkUnreadableEntry, with
 * the user whose list held it, so the valid keys still show and the window
 * can say that some could not. For every user's keys, the answer to
 * /v3/users queues each user's requests (see AkKeystoneAllUsersStrategy in
 * ak-keystone-provider.c).
 *
 * Two facts about owners are gathered on the way, for the attention flags
 * (ak-key-status.c): whose account is disabled (the list of users says so
 * at no extra cost), and who still has a role on the project of each EC2
 * key. For the latter the cheapest call the account may make is one
 * request, whatever the number of keys: for the signed-in user's own keys
 * `GET /v3/users/{id}/projects` (allowed to a user on themself); for every
 * user's keys, as an administrator, `GET /v3/role_assignments?effective`
 * (a group's roles expanded to its members, inherited ones to the projects).
 * Asking each user's projects instead is one more request per user.
 * Measured on the test Keystone with 202 users holding one role each: one
 * role_assignments answer of 166 KB in 0.19 s, against 202 project lists
 * taking 31 s one after another (about 0.15 s each, so several seconds
 * even at AK_KEYSTONE_MAX_IN_FLIGHT at once). Either lookup may be refused
 * or fail: then the fact is not known and no key is flagged for it. */

#define PARSE_IN_THREAD_SIZE ((gsize) 256 * 1024)

typedef enum
{
  FETCH_EC2,
  FETCH_APPLICATION_CREDENTIALS,
  FETCH_CREDENTIALS,
  FETCH_USERS,
  FETCH_PROJECTS,
  /* Facts for the flags, not needed for the list itself. */
  FETCH_ROLE_ASSIGNMENTS,
  FETCH_USER_PROJECTS,
} FetchKind;

typedef struct
{
  FetchKind  kind;
  char      *path;
  /* Whose keys the answer lists, for one user's list. */
  char      *user_id;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->path);
  g_free (fetch->user_id);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

typedef struct
{
  AkKeyScope    scope;

  /* Stops every request of this list, on the caller's word or at the first
   * failure. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;

  GQueue        pending;
  guint         in_flight;
  guint         parsing;

  GPtrArray    *keys;
  GPtrArray    *unreadable;
  GHashTable   *user_names;
  GHashTable   *project_names;
  /* IDs of users whose account is disabled, when the users were listed. */
  GHashTable   *disabled_users;
  /* ak_keystone_role_key()s of who has a role where, when known. */
  GHashTable   *roles;
  GError       *error;
} ListData;

static void
list_data_free (ListData *data)
{
  if (data->caller_cancelled_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_cancelled_id);

  g_queue_clear_full (&data->pending, (GDestroyNotify) fetch_free);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->keys, g_ptr_array_unref);
  g_clear_pointer (&data->unreadable, g_ptr_array_unref);
  g_clear_pointer (&data->user_names, g_hash_table_unref);
  g_clear_pointer (&data->project_names, g_hash_table_unref);
  g_clear_pointer (&data->disabled_users, g_hash_table_unref);
  g_clear_pointer (&data->roles, g_hash_table_unref);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct
{
  GTask *task;
  Fetch *fetch;
} FetchCall;

static Fetch *
list_enqueue (ListData   *data,
              FetchKind   kind,
              char       *path)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->kind = kind;
  fetch->path = path;
  g_queue_push_tail (&data->pending, fetch);

  return fetch;
}

/* Queues @user_id's application credentials, and with @ec2 their EC2 keys. */
static void
list_enqueue_user (ListData   *data,
                   const char *user_id,
                   gboolean    ec2)
{
  Fetch *fetch;

  if (ec2)
    {
      fetch = list_enqueue (data, FETCH_EC2,
                            _ak_keystone_user_path (user_id, AK_KEYSTONE_EC2_COLLECTION, NULL));
      fetch->user_id = g_strdup (user_id);
    }

  fetch = list_enqueue (data, FETCH_APPLICATION_CREDENTIALS,
                        _ak_keystone_user_path (user_id, AK_KEYSTONE_APP_CRED_COLLECTION, NULL));
  fetch->user_id = g_strdup (user_id);
}

static void
list_fail (ListData *data,
           GError   *error)
{
  if (data->error == NULL)
    {
      data->error = error;
      g_cancellable_cancel (data->cancellable);
    }
  else
    {
      g_error_free (error);
    }
}

/* Returns: (nullable): the name of @user_id, as far as the list knows it */
static const char *
list_lookup_user_name (AkKeystoneProvider *self,
                       ListData           *data,
                       const char         *user_id)
{
  AkKeystoneToken *info = self->token_info;
  const char *name = NULL;

  if (user_id != NULL && data->user_names != NULL)
    name = g_hash_table_lookup (data->user_names, user_id);
  if (name == NULL && info != NULL && g_strcmp0 (user_id, info->user_id) == 0)
    name = info->user_name;

  return name;
}

static void
list_fill_names (AkKeystoneProvider *self,
                 ListData           *data)
{
  AkKeystoneToken *info = self->token_info;

  for (guint i = 0; i < data->unreadable->len; i++)
    {
      AkUnreadableEntry *entry = g_ptr_array_index (data->unreadable, i);
      const char *user_id = ak_unreadable_entry_get_user_id (entry);

      ak_unreadable_entry_set_user_name (entry, list_lookup_user_name (self, data, user_id));
    }

  for (guint i = 0; i < data->keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (data->keys, i);
      const char *user_id = ak_key_get_user_id (key);
      const char *project_id = ak_key_get_project_id (key);
      const char *name = list_lookup_user_name (self, data, user_id);

      if (name != NULL)
        ak_key_set_user_name (key, name);

      name = NULL;
      if (project_id != NULL && data->project_names != NULL)
        name = g_hash_table_lookup (data->project_names, project_id);
      if (name == NULL && info != NULL && g_strcmp0 (project_id, info->project_id) == 0)
        name = info->project_name;
      if (name != NULL)
        ak_key_set_project_name (key, name);
    }
}

/* What the server said of each key's owner (see the top of this file). */
static void
list_fill_facts (ListData *data)
{
  for (guint i = 0; i < data->keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (data->keys, i);
      const char *user_id = ak_key_get_user_id (key);
      const char *project_id = ak_key_get_project_id (key);

      if (user_id == NULL)
        continue;

      if (data->disabled_users != NULL)
        ak_key_set_owner_disabled (key, g_hash_table_contains (data->disabled_users, user_id));

      if (data->roles != NULL && project_id != NULL && ak_key_get_kind (key) == AK_KEY_KIND_EC2)
        {
          g_autofree char *role_key = ak_keystone_role_key (user_id, project_id);

          ak_key_set_owner_lacks_role (key, !g_hash_table_contains (data->roles, role_key));
        }
    }
}

static void list_fetch_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
list_pump (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  while (data->error == NULL &&
         data->in_flight < AK_KEYSTONE_MAX_IN_FLIGHT &&
         !g_queue_is_empty (&data->pending))
    {
      FetchCall *fetch_call = g_new0 (FetchCall, 1);

      fetch_call->task = g_object_ref (task);
      fetch_call->fetch = g_queue_pop_head (&data->pending);
      data->in_flight++;

      _ak_keystone_call_async (self, "GET", fetch_call->fetch->path, NULL,
                               AK_KEYSTONE_CALL_AUTHENTICATED,
                               data->cancellable, list_fetch_cb, fetch_call);
    }

  if (data->in_flight > 0 || data->parsing > 0)
    return;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  list_fill_names (self, data);
  list_fill_facts (data);

  ak_provider_task_return_list (task, g_steal_pointer (&data->keys),
                                g_steal_pointer (&data->unreadable));
}

/* What one answer of a list holds, parsed. Parsing is pure, so a large body
 * is parsed in a worker thread and the main loop stays free meanwhile. */
typedef struct
{
  FetchKind   kind;
  char       *user_id;
  GBytes     *body;
  GPtrArray  *keys;
  GPtrArray  *unreadable;
  GHashTable *names;
  GHashTable *disabled;
  GHashTable *roles;
  GError     *error;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->user_id, g_free);
  g_clear_pointer (&parsed->body, g_bytes_unref);
  g_clear_pointer (&parsed->keys, g_ptr_array_unref);
  g_clear_pointer (&parsed->unreadable, g_ptr_array_unref);
  g_clear_pointer (&parsed->names, g_hash_table_unref);
  g_clear_pointer (&parsed->disabled, g_hash_table_unref);
  g_clear_pointer (&parsed->roles, g_hash_table_unref);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

static void
parse (Parsed *parsed)
{
  switch (parsed->kind)
    {
    case FETCH_EC2:
      parsed->keys = ak_keystone_json_parse_ec2_list (parsed->body, &parsed->unreadable,
                                                      &parsed->error);
      break;

    case FETCH_APPLICATION_CREDENTIALS:
      parsed->keys = ak_keystone_json_parse_application_credential_list (parsed->body,
                                                                         &parsed->unreadable,
                                                                         &parsed->error);
      break;

    case FETCH_CREDENTIALS:
      parsed->keys = ak_keystone_json_parse_credential_list (parsed->body, &parsed->unreadable,
                                                             &parsed->error);
      break;

    case FETCH_USERS:
      parsed->names = ak_keystone_json_parse_users (parsed->body, &parsed->disabled,
                                                    &parsed->error);
      break;

    case FETCH_PROJECTS:
      parsed->names = ak_keystone_json_parse_names (parsed->body, "projects", &parsed->error);
      break;

    case FETCH_ROLE_ASSIGNMENTS:
      parsed->roles = ak_keystone_json_parse_role_assignments (parsed->body, &parsed->error);
      break;

    case FETCH_USER_PROJECTS:
      parsed->names = ak_keystone_json_parse_names (parsed->body, "projects", &parsed->error);
      if (parsed->names != NULL)
        {
          GHashTableIter iter;
          const char *project_id;

          parsed->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_iter_init (&iter, parsed->names);
          while (g_hash_table_iter_next (&iter, (gpointer *) &project_id, NULL))
            g_hash_table_add (parsed->roles, ak_keystone_role_key (parsed->user_id, project_id));
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  parse (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
list_apply (AkKeystoneProvider *self,
            ListData           *data,
            Parsed             *parsed)
{
  if (data->error != NULL)
    return;

  /* A fact that cannot be read is not known; the list goes on. */
  if (parsed->error != NULL &&
      (parsed->kind == FETCH_ROLE_ASSIGNMENTS || parsed->kind == FETCH_USER_PROJECTS))
    {
      g_debug ("Who has a role where is not known: %s", parsed->error->message);
      return;
    }

  if (parsed->error != NULL)
    {
      list_fail (data, g_steal_pointer (&parsed->error));
      return;
    }

  if (parsed->roles != NULL)
    {
      g_clear_pointer (&data->roles, g_hash_table_unref);
      data->roles = g_steal_pointer (&parsed->roles);
      return;
    }

  if (parsed->keys != NULL)
    g_ptr_array_extend_and_steal (data->keys, g_steal_pointer (&parsed->keys));

  if (parsed->unreadable != NULL)
    {
      for (guint i = 0; i < parsed->unreadable->len; i++)
        ak_unreadable_entry_set_user_id (g_ptr_array_index (parsed->unreadable, i),
                                         parsed->user_id);
      g_ptr_array_extend_and_steal (data->unreadable, g_steal_pointer (&parsed->unreadable));
    }

  if (parsed->kind == FETCH_USERS)
    {
      GHashTableIter iter;
      const char *user_id;

      g_clear_pointer (&data->user_names, g_hash_table_unref);
      data->user_names = g_steal_pointer (&parsed->names);
      g_clear_pointer (&data->disabled_users, g_hash_table_unref);
      data->disabled_users = g_steal_pointer (&parsed->disabled);

      if (data->scope != AK_KEY_SCOPE_ALL_USERS)
        return;

      g_hash_table_iter_init (&iter, data->user_names);
      while (g_hash_table_iter_next (&iter, (gpointer *) &user_id, NULL))
        list_enqueue_user (data, user_id,
                           self->all_users_strategy == AK_KEYSTONE_ALL_USERS_PER_USER);
    }
  else if (parsed->kind == FETCH_PROJECTS)
    {
      g_clear_pointer (&data->project_names, g_hash_table_unref);
      data->project_names = g_steal_pointer (&parsed->names);
    }
}

static void
list_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);

  data->parsing--;
  list_apply (self, data, g_task_get_task_data (G_TASK (result)));
  list_pump (task);
}

/* Whether an answer that is not a success still lets the list go on. */
static gboolean
list_tolerates (AkKeystoneProvider *self,
                ListData           *data,
                Fetch              *fetch,
                guint               status)
{
  gboolean delegated = self->token_info != NULL &&
                       self->token_info->application_credential_id != NULL;

  /* A token from an application credential may not read EC2 keys
   * ("Delegated tokens cannot access credentials directly"); it still sees
   * the application credentials. */
  if (status == SOUP_STATUS_FORBIDDEN && fetch->kind == FETCH_EC2 &&
      data->scope == AK_KEY_SCOPE_MINE && delegated)
    return TRUE;

  /* Without who has a role where, no key is flagged for it. */
  if (fetch->kind == FETCH_ROLE_ASSIGNMENTS || fetch->kind == FETCH_USER_PROJECTS)
    return TRUE;

  /* Without the names of projects, their IDs are shown. */
  if (status == SOUP_STATUS_FORBIDDEN && fetch->kind == FETCH_PROJECTS)
    return TRUE;

  /* A user deleted since the list of users was read has no keys. */
  if (status == SOUP_STATUS_NOT_FOUND && data->scope == AK_KEY_SCOPE_ALL_USERS &&
      (fetch->kind == FETCH_EC2 || fetch->kind == FETCH_APPLICATION_CREDENTIALS))
    return TRUE;

  return FALSE;
}

static void
list_fetch_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  FetchCall *fetch_call = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&fetch_call->task);
  g_autoptr(Fetch) fetch = g_steal_pointer (&fetch_call->fetch);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  GError *error = NULL;
  Parsed *parsed;

  g_free (fetch_call);
  data->in_flight--;
  response = _ak_keystone_call_finish (self, result, &error);

  if (response == NULL)
    {
      list_fail (data, error);
    }
  else if (data->error != NULL)
    {
      /* Another answer failed already. */
    }
  else if (!_ak_keystone_status_is_success (response->status))
    {
      if (!list_tolerates (self, data, fetch, response->status))
        list_fail (data, _ak_keystone_response_error (response));
    }
  else
    {
      parsed = g_new0 (Parsed, 1);
      parsed->kind = fetch->kind;
      parsed->user_id = g_strdup (fetch->user_id);
      parsed->body = g_bytes_ref (response->body);

      if (g_bytes_get_size (parsed->body) >= PARSE_IN_THREAD_SIZE)
        {
          g_autoptr(GTask) parse_task = g_task_new (self, NULL, list_parsed_cb,
                                                    g_object_ref (task));

          g_task_set_source_tag (parse_task, parse_thread);
          g_task_set_task_data (parse_task, parsed, (GDestroyNotify) parsed_free);
          data->parsing++;
          g_task_run_in_thread (parse_task, parse_thread);
        }
      else
        {
          parse (parsed);
          list_apply (self, data, parsed);
          parsed_free (parsed);
        }
    }

  list_pump (task);
}

static void
list_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  if (data->scope == AK_KEY_SCOPE_MINE)
    {
      Fetch *fetch;

      list_enqueue_user (data, self->token_info->user_id, TRUE);
      fetch = list_enqueue (data, FETCH_USER_PROJECTS,
                            _ak_keystone_user_path (self->token_info->user_id, "/projects",
                                                    NULL));
      fetch->user_id = g_strdup (self->token_info->user_id);
      if ((self->features & AK_PROVIDER_FEATURE_ALL_USERS) != 0)
        list_enqueue (data, FETCH_PROJECTS, g_strdup ("/projects"));
    }
  else
    {
      list_enqueue (data, FETCH_USERS, g_strdup ("/users"));
      list_enqueue (data, FETCH_PROJECTS, g_strdup ("/projects"));
      list_enqueue (data, FETCH_ROLE_ASSIGNMENTS, g_strdup ("/role_assignments?effective"));
      if (self->all_users_strategy == AK_KEYSTONE_ALL_USERS_CREDENTIALS)
        list_enqueue (data, FETCH_CREDENTIALS, g_strdup ("/credentials?type=ec2"));
    }

  list_pump (task);
}

static void
list_caller_cancelled_cb (GCancellable *cancellable,
                          GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

void
_ak_keystone_list_keys_async (AkProvider          *provider,
                              AkKeyScope           scope,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  ListData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ak_keystone_list_keys_async);

  data = g_new0 (ListData, 1);
  data->scope = scope;
  data->keys = g_ptr_array_new_with_free_func (g_object_unref);
  data->unreadable = g_ptr_array_new_with_free_func (g_object_unref);
  data->cancellable = g_cancellable_new ();
  g_queue_init (&data->pending);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (list_caller_cancelled_cb),
                                                         g_object_ref (data->cancellable),
                                                         g_object_unref);
    }

  _ak_keystone_ensure_token_async (self, data->cancellable, list_token_cb,
                                   g_steal_pointer (&task));
}

GPtrArray *
_ak_keystone_list_keys_finish (AkProvider    *provider,
                               GAsyncResult  *result,
                               GPtrArray    **unreadable,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return ak_provider_task_propagate_list (G_TASK (result), unreadable, error);
}
