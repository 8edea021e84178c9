/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-error.h"
#include "ak-keystone-provider-private.h"

/* AkKeystoneProvider speaks Keystone v3 over one SoupSession per account.
 *
 * Every request goes through _ak_keystone_call_async()
 * (ak-keystone-provider-call.c), which adds the token and signs in again on a
 * 401; the token and the sign-in that gets it are in
 * ak-keystone-provider-token.c, listing in ak-keystone-provider-list.c,
 * looking up one key, fetching a secret and restoring a key in
 * ak-keystone-provider-restore.c. This file holds the GObject and the other
 * operations: sign in, create, delete.
 *
 * Every user's keys (AK_KEY_SCOPE_ALL_USERS) can be gathered three ways:
 * AK_KEYSTONE_ALL_USERS_PER_USER lists /v3/users, then each user's OS-EC2
 * credentials and application credentials, at most AK_KEYSTONE_MAX_IN_FLIGHT
 * requests at a time; AK_KEYSTONE_ALL_USERS_CREDENTIALS takes every EC2 key
 * from one GET /v3/credentials?type=ec2 and only the application credentials
 * per user; AK_KEYSTONE_ALL_USERS_BOTH, the default, races the two for the
 * EC2 keys and takes whichever answers first (ak-keystone-provider-list.c).
 * Keystone 27 gives the list of users in pages of 1,000, all of which are
 * read first; the one call comes whole (a list cut short by a "list_limit"
 * is refused and leaves the users' own lists to tell).
 * On Keystone 22 (tests/bench/run-bench.sh, 22 users) the first took
 * 0.9-1.0 s against 1.7 s for 1,000 EC2 keys, and 1.4-1.8 s against
 * 8.7-10.6 s for 6,000: /v3/credentials does one more lookup and one more
 * policy check for every key. With 2,000 users of 3 keys each it is the
 * other way round: one request per user costs more than the one call. */

#define DEFAULT_TIMEOUT        30
/* A whole request, from sending it to the last byte of the answer. The
 * slowest seen on Keystone 22 took 13 s (6,000 keys from /v3/credentials). */
#define DEFAULT_DEADLINE       120
/* So that the deadline in milliseconds fits in a guint. */
#define MAX_DEADLINE           (G_MAXUINT / 1000)
#define DEFAULT_MAX_BODY_SIZE  (G_GUINT64_CONSTANT (64) * 1024 * 1024)

static void ak_keystone_provider_iface_init (AkProviderInterface *iface);

G_DEFINE_ENUM_TYPE (AkKeystoneAllUsersStrategy, ak_keystone_all_users_strategy,
  G_DEFINE_ENUM_VALUE (AK_KEYSTONE_ALL_USERS_PER_USER, "per-user"),
  G_DEFINE_ENUM_VALUE (AK_KEYSTONE_ALL_USERS_CREDENTIALS, "credentials"),
  G_DEFINE_ENUM_VALUE (AK_KEYSTONE_ALL_USERS_BOTH, "both"))

G_DEFINE_FINAL_TYPE_WITH_CODE (AkKeystoneProvider, ak_keystone_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AK_TYPE_PROVIDER,
                                                      ak_keystone_provider_iface_init))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_SECRET,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_BODY_SIZE,
  PROP_ALL_USERS_STRATEGY,
  PROP_SIGN_IN_COUNT,
  N_PROPS,

  /* Overridden from AkProvider. */
  PROP_FEATURES = N_PROPS,
};

static GParamSpec *properties [N_PROPS];

void
_ak_keystone_provider_set_features (AkKeystoneProvider *self,
                                    AkProviderFeatures  features)
{
  if (self->features == features)
    return;

  self->features = features;
  g_object_notify (G_OBJECT (self), "features");
}

/* Called for every token obtained. */
void
_ak_keystone_provider_note_sign_in (AkKeystoneProvider *self)
{
  AkProviderFeatures features;
  gboolean delegated;

  g_assert (self->token_info != NULL);

  self->sign_in_count++;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGN_IN_COUNT]);

  features = (self->features |
              AK_PROVIDER_FEATURE_EXPIRY |
              AK_PROVIDER_FEATURE_NAMES) &
             ~(AK_PROVIDER_FEATURE_CREATE_EC2 | AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS |
               AK_PROVIDER_FEATURE_RESTORE);

  /* A token from an application credential is refused EC2 keys ("Delegated
   * tokens cannot access credentials directly"), and other application
   * credentials too unless its own was made unrestricted. Restoring an EC2
   * key is creating one through /v3/credentials, refused to it the same way
   * (measured on Keystone 22, tests/keystone); a password sign-in, member or
   * admin, may do it for its own keys. */
  delegated = self->token_info->application_credential_id != NULL;
  if (!delegated)
    features |= AK_PROVIDER_FEATURE_CREATE_EC2 | AK_PROVIDER_FEATURE_RESTORE;
  if (!delegated || self->token_info->application_credential_unrestricted)
    features |= AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS;

  _ak_keystone_provider_set_features (self, features);
}

/* Finishes a request for an operation's @task, which gets the error when no
 * answer came. */
AkKeystoneResponse *
_ak_keystone_response_for_task (AkKeystoneProvider *self,
                                GAsyncResult       *result,
                                GTask              *task)
{
  AkKeystoneResponse *response;
  GError *error = NULL;

  response = _ak_keystone_call_finish (self, result, &error);

  if (response == NULL)
    g_task_return_error (task, error);

  return response;
}

const char *
_ak_keystone_key_collection (AkKeyKind kind)
{
  if (kind == AK_KEY_KIND_EC2)
    return AK_KEYSTONE_EC2_COLLECTION;

  return AK_KEYSTONE_APP_CRED_COLLECTION;
}

/* Names @key's owner and project when they are the signed-in user's own,
 * which the token names. */
void
_ak_keystone_fill_own_names (AkKeystoneProvider *self,
                             AkKey              *key)
{
  if (self->token_info == NULL)
    return;

  if (g_strcmp0 (ak_key_get_user_id (key), self->token_info->user_id) == 0)
    ak_key_set_user_name (key, self->token_info->user_name);
  if (g_strcmp0 (ak_key_get_project_id (key), self->token_info->project_id) == 0)
    ak_key_set_project_name (key, self->token_info->project_name);
}

/* ------------------------------------------------------------------------ */
/* Sign in */

static void
sign_in_probe_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(AkKeystoneResponse) response = NULL;

  response = _ak_keystone_response_for_task (self, result, task);
  if (response == NULL)
    return;

  /* Reading the list of users is what listing every user's keys takes:
   * an admin may, a member gets 403. */
  if (_ak_keystone_status_is_success (response->status))
    {
      _ak_keystone_provider_set_features (self, self->features | AK_PROVIDER_FEATURE_ALL_USERS);
    }
  else if (response->status == SOUP_STATUS_FORBIDDEN)
    {
      _ak_keystone_provider_set_features (self, self->features & ~AK_PROVIDER_FEATURE_ALL_USERS);
    }
  else
    {
      g_task_return_error (task, _ak_keystone_response_error (response));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  /* Filtered by our own name, so the answer stays small. */
  escaped = g_uri_escape_string (self->token_info->user_name != NULL ?
                                 self->token_info->user_name : "", NULL, FALSE);
  path = g_strconcat ("/users?name=", escaped, NULL);

  cancellable = g_task_get_cancellable (task);
  _ak_keystone_call_async (self, "GET", path, NULL, AK_KEYSTONE_CALL_AUTHENTICATED, cancellable,
                           sign_in_probe_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_sign_in_async (AkProvider          *provider,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_sign_in_async);

  /* Prove the credentials now, rather than trust an earlier token. */
  if (self->sign_in_cancellable == NULL)
    _ak_keystone_forget_token (self, NULL);

  _ak_keystone_ensure_token_async (self, cancellable, sign_in_token_cb, g_steal_pointer (&task));
}

static gboolean
ak_keystone_provider_sign_in_finish (AkProvider    *provider,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Create */

typedef struct
{
  AkKeyKind  kind;
  /* The key the new one copies, if any. */
  AkKey     *like;
  GBytes    *body;
  AkKey     *key;
  AkSecret  *secret;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->like);
  g_clear_object (&data->key);
  g_clear_pointer (&data->secret, ak_secret_unref);
  g_free (data);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  g_autoptr(AkKey) key = NULL;
  GError *error = NULL;

  response = _ak_keystone_response_for_task (self, result, task);
  if (response == NULL)
    return;

  if (!_ak_keystone_status_is_success (response->status))
    {
      g_task_return_error (task, _ak_keystone_response_error (response));
      return;
    }

  if (data->kind == AK_KEY_KIND_EC2)
    key = ak_keystone_json_parse_ec2_created (response->body, &data->secret, &error);
  else
    key = ak_keystone_json_parse_application_credential_created (response->body, &data->secret,
                                                                 &error);

  if (key == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _ak_keystone_fill_own_names (self, key);

  /* Another user's key: the names are those of the key it copies. */
  if (data->like != NULL)
    {
      if (ak_key_get_user_name (key) == NULL &&
          g_strcmp0 (ak_key_get_user_id (key), ak_key_get_user_id (data->like)) == 0)
        ak_key_set_user_name (key, ak_key_get_user_name (data->like));
      if (ak_key_get_project_name (key) == NULL &&
          g_strcmp0 (ak_key_get_project_id (key), ak_key_get_project_id (data->like)) == 0)
        ak_key_set_project_name (key, ak_key_get_project_name (data->like));
    }

  g_task_return_pointer (task, g_steal_pointer (&key), g_object_unref);
}

static void
create_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  const char *user_id;
  const char *project_id;

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  user_id = self->token_info->user_id;
  project_id = self->token_info->project_id;
  if (data->like != NULL)
    {
      if (ak_key_get_user_id (data->like) != NULL)
        user_id = ak_key_get_user_id (data->like);
      if (ak_key_get_project_id (data->like) != NULL)
        project_id = ak_key_get_project_id (data->like);
    }

  /* Keystone makes an application credential for the signed-in user in
   * the token's project only; an administrator may make an EC2 key for
   * anyone. */
  if (data->kind == AK_KEY_KIND_APPLICATION_CREDENTIAL &&
      (g_strcmp0 (user_id, self->token_info->user_id) != 0 ||
       g_strcmp0 (project_id, self->token_info->project_id) != 0))
    {
      g_task_return_error (task,
                           ak_error_new_literal (AK_ERROR_PERMISSION,
                                                 _("Only its owner can make a new application "
                                                   "credential, signed in to its project."),
                                                 0, NULL));
      return;
    }

  if (data->kind == AK_KEY_KIND_EC2)
    data->body = ak_keystone_json_build_ec2_create (project_id);

  path = _ak_keystone_user_path (user_id, _ak_keystone_key_collection (data->kind), NULL);

  /* Never sent twice after a failure in transit: that could make two keys. */
  cancellable = g_task_get_cancellable (task);
  _ak_keystone_call_async (self, "POST", path, data->body, AK_KEYSTONE_CALL_AUTHENTICATED,
                           cancellable, create_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_create_key_async (AkProvider          *provider,
                                       AkKeyKind            kind,
                                       AkKey               *like,
                                       const char          *name,
                                       const char          *description,
                                       GDateTime           *expires_at,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_create_key_async);

  data = g_new0 (CreateData, 1);
  data->kind = kind;
  data->like = like != NULL ? g_object_ref (like) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  if (kind == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    {
      if (name == NULL || *name == '\0')
        {
          g_task_return_error (task,
                               ak_error_new_literal (AK_ERROR_INVALID,
                                                     _("Enter a name for the application "
                                                       "credential."),
                                                     0, NULL));
          return;
        }

      if (like != NULL)
        data->body = ak_keystone_json_build_application_credential_create_like (name,
                                                                                description,
                                                                                expires_at,
                                                                                like);
      else
        data->body = ak_keystone_json_build_application_credential_create (name, description,
                                                                           expires_at);
    }

  _ak_keystone_ensure_token_async (self, cancellable, create_token_cb, g_steal_pointer (&task));
}

static AkKey *
ak_keystone_provider_create_key_finish (AkProvider    *provider,
                                        GAsyncResult  *result,
                                        AkSecret     **secret,
                                        GError       **error)
{
  CreateData *data;
  AkKey *key;

  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  data = g_task_get_task_data (G_TASK (result));
  key = g_task_propagate_pointer (G_TASK (result), error);

  if (key != NULL && secret != NULL)
    *secret = g_steal_pointer (&data->secret);

  return key;
}

/* ------------------------------------------------------------------------ */
/* Delete */

typedef struct
{
  AkKey   *key;
  char    *path;
  GError  *refused;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->key);
  g_clear_pointer (&data->path, g_free);
  g_clear_error (&data->refused);
  g_free (data);
}

static void
delete_recheck_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = _ak_keystone_call_finish (self, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A key that no longer exists is reported as such, never as refused. */
  if (response != NULL && response->status == SOUP_STATUS_NOT_FOUND)
    {
      g_task_return_error (task, _ak_keystone_response_error (response));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&data->refused));
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;

  response = _ak_keystone_response_for_task (self, result, task);
  if (response == NULL)
    return;

  if (_ak_keystone_status_is_success (response->status))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* After a send that may have reached the server, "not found" means that
   * the first one deleted the key. */
  if (response->status == SOUP_STATUS_NOT_FOUND && response->resent)
    {
      g_debug ("DELETE %s: gone after sending again; it was deleted", data->path);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Some servers check permission before existence: ask whether the key
   * still exists before saying the account may not delete it. */
  if (response->status == SOUP_STATUS_FORBIDDEN)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      data->refused = _ak_keystone_response_error (response);
      _ak_keystone_call_async (self, "GET", data->path, NULL, AK_KEYSTONE_CALL_AUTHENTICATED,
                               cancellable, delete_recheck_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_error (task, _ak_keystone_response_error (response));
}

static void
delete_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  const char *user_id;
  GCancellable *cancellable;

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  user_id = ak_key_get_user_id (data->key);
  if (user_id == NULL)
    user_id = self->token_info->user_id;

  /* EC2 keys go through OS-EC2, which answers 404 for a missing key to
   * everyone; /v3/credentials answers 403 to a member. */
  data->path = _ak_keystone_user_path (user_id,
                                       _ak_keystone_key_collection (ak_key_get_kind (data->key)),
                                       ak_key_get_id (data->key));

  cancellable = g_task_get_cancellable (task);
  _ak_keystone_call_async (self, "DELETE", data->path, NULL,
                           AK_KEYSTONE_CALL_AUTHENTICATED | AK_KEYSTONE_CALL_RESEND_IN_TRANSIT,
                           cancellable, delete_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_delete_key_async (AkProvider          *provider,
                                       AkKey               *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  DeleteData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_delete_key_async);

  data = g_new0 (DeleteData, 1);
  data->key = g_object_ref (key);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);

  _ak_keystone_ensure_token_async (self, cancellable, delete_token_cb, g_steal_pointer (&task));
}

static gboolean
ak_keystone_provider_delete_key_finish (AkProvider    *provider,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* GObject */

static AkProviderFeatures
ak_keystone_provider_get_features (AkProvider *provider)
{
  return AK_KEYSTONE_PROVIDER (provider)->features;
}

static void
ak_keystone_provider_iface_init (AkProviderInterface *iface)
{
  iface->get_features = ak_keystone_provider_get_features;
  iface->sign_in_async = ak_keystone_provider_sign_in_async;
  iface->sign_in_finish = ak_keystone_provider_sign_in_finish;
  iface->list_keys_async = _ak_keystone_list_keys_async;
  iface->list_keys_finish = _ak_keystone_list_keys_finish;
  iface->list_keys_progress_async = _ak_keystone_list_keys_progress_async;
  iface->create_key_async = ak_keystone_provider_create_key_async;
  iface->create_key_finish = ak_keystone_provider_create_key_finish;
  iface->delete_key_async = ak_keystone_provider_delete_key_async;
  iface->delete_key_finish = ak_keystone_provider_delete_key_finish;

  _ak_keystone_provider_restore_iface_init (iface);
  _ak_keystone_provider_lookup_iface_init (iface);
}

static void
ak_keystone_provider_dispose (GObject *object)
{
  AkKeystoneProvider *self = (AkKeystoneProvider *)object;

  if (self->sign_in_cancellable != NULL)
    g_cancellable_cancel (self->sign_in_cancellable);

  if (self->session != NULL)
    soup_session_abort (self->session);
  if (self->patient_session != NULL)
    soup_session_abort (self->patient_session);

  G_OBJECT_CLASS (ak_keystone_provider_parent_class)->dispose (object);
}

static void
ak_keystone_provider_finalize (GObject *object)
{
  AkKeystoneProvider *self = (AkKeystoneProvider *)object;

  g_assert (g_queue_is_empty (&self->sign_in_waiters));

  _ak_keystone_forget_token (self, NULL);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->patient_session);
  g_clear_object (&self->account);
  g_clear_pointer (&self->secret, ak_secret_unref);

  G_OBJECT_CLASS (ak_keystone_provider_parent_class)->finalize (object);
}

static void
ak_keystone_provider_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, ak_keystone_provider_get_timeout (self));
      break;

    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;

    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;

    case PROP_ALL_USERS_STRATEGY:
      g_value_set_enum (value, self->all_users_strategy);
      break;

    case PROP_SIGN_IN_COUNT:
      g_value_set_uint (value, self->sign_in_count);
      break;

    case PROP_FEATURES:
      g_value_set_flags (value, self->features);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_keystone_provider_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_SECRET:
      self->secret = g_value_dup_boxed (value);
      break;

    case PROP_TIMEOUT:
      ak_keystone_provider_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_DEADLINE:
      ak_keystone_provider_set_deadline (self, g_value_get_uint (value));
      break;

    case PROP_MAX_BODY_SIZE:
      ak_keystone_provider_set_max_body_size (self, g_value_get_uint64 (value));
      break;

    case PROP_ALL_USERS_STRATEGY:
      ak_keystone_provider_set_all_users_strategy (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_keystone_provider_class_init (AkKeystoneProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ak_keystone_provider_dispose;
  object_class->finalize = ak_keystone_provider_finalize;
  object_class->get_property = ak_keystone_provider_get_property;
  object_class->set_property = ak_keystone_provider_set_property;

  properties [PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         AK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The password or application-credential secret, kept in memory only. */
  properties [PROP_SECRET] =
    g_param_spec_boxed ("secret", NULL, NULL,
                        AK_TYPE_SECRET,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Seconds without an answer before a request fails with AK_ERROR_TIMEOUT. */
  properties [PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Seconds for a whole request, signing in and repeating it included,
   * before it fails with AK_ERROR_TIMEOUT however steadily the answer comes;
   * 0 for none. */
  properties [PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       0, MAX_DEADLINE, DEFAULT_DEADLINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The largest answer read; a larger one fails with AK_ERROR_PROTOCOL. */
  properties [PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         1, G_MAXUINT64 - 1, DEFAULT_MAX_BODY_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ALL_USERS_STRATEGY] =
    g_param_spec_enum ("all-users-strategy", NULL, NULL,
                       AK_TYPE_KEYSTONE_ALL_USERS_STRATEGY,
                       AK_KEYSTONE_ALL_USERS_BOTH,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How many tokens the provider obtained so far, for tests and debugging. */
  properties [PROP_SIGN_IN_COUNT] =
    g_param_spec_uint ("sign-in-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_FEATURES, "features");
}

static void
ak_keystone_provider_init (AkKeystoneProvider *self)
{
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->deadline = DEFAULT_DEADLINE;
  self->all_users_strategy = AK_KEYSTONE_ALL_USERS_BOTH;
  g_queue_init (&self->sign_in_waiters);

  /* One session per account. The certificate is always verified: nothing
   * handles SoupMessage::accept-certificate, so a bad one fails. */
  self->session = soup_session_new_with_options ("user-agent", "access-keys/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "max-conns-per-host", AK_KEYSTONE_MAX_IN_FLIGHT,
                                                 NULL);
}

/**
 * ak_keystone_provider_new:
 * @account: the account to sign in with
 * @secret: (nullable): its password, or its application credential's secret
 *
 * Returns: (transfer full): a new #AkProvider for Keystone v3
 */
AkProvider *
ak_keystone_provider_new (AkAccount *account,
                          AkSecret  *secret)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (account), NULL);

  return g_object_new (AK_TYPE_KEYSTONE_PROVIDER,
                       "account", account,
                       "secret", secret,
                       NULL);
}

AkAccount *
ak_keystone_provider_get_account (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), NULL);

  return self->account;
}

guint
ak_keystone_provider_get_timeout (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), 0);

  return soup_session_get_timeout (self->session);
}

void
ak_keystone_provider_set_timeout (AkKeystoneProvider *self,
                                  guint               timeout)
{
  g_return_if_fail (AK_IS_KEYSTONE_PROVIDER (self));

  if (soup_session_get_timeout (self->session) == timeout)
    return;

  soup_session_set_timeout (self->session, timeout);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIMEOUT]);
}

guint
ak_keystone_provider_get_deadline (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), 0);

  return self->deadline;
}

/* Takes effect for the requests sent from then on. */
void
ak_keystone_provider_set_deadline (AkKeystoneProvider *self,
                                   guint               deadline)
{
  g_return_if_fail (AK_IS_KEYSTONE_PROVIDER (self));
  g_return_if_fail (deadline <= MAX_DEADLINE);

  if (self->deadline == deadline)
    return;

  self->deadline = deadline;
  if (self->patient_session != NULL)
    soup_session_set_timeout (self->patient_session, deadline);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEADLINE]);
}

guint64
ak_keystone_provider_get_max_body_size (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), 0);

  return self->max_body_size;
}

void
ak_keystone_provider_set_max_body_size (AkKeystoneProvider *self,
                                        guint64             max_body_size)
{
  g_return_if_fail (AK_IS_KEYSTONE_PROVIDER (self));
  g_return_if_fail (max_body_size > 0 && max_body_size < G_MAXUINT64);

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MAX_BODY_SIZE]);
}

AkKeystoneAllUsersStrategy
ak_keystone_provider_get_all_users_strategy (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), AK_KEYSTONE_ALL_USERS_PER_USER);

  return self->all_users_strategy;
}

void
ak_keystone_provider_set_all_users_strategy (AkKeystoneProvider         *self,
                                             AkKeystoneAllUsersStrategy  strategy)
{
  g_return_if_fail (AK_IS_KEYSTONE_PROVIDER (self));

  if (self->all_users_strategy == strategy)
    return;

  self->all_users_strategy = strategy;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALL_USERS_STRATEGY]);
}

guint
ak_keystone_provider_get_sign_in_count (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), 0);

  return self->sign_in_count;
}

