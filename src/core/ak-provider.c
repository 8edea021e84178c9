/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-error.h"
#include "ak-provider.h"

G_DEFINE_FLAGS_TYPE (AkProviderFeatures, ak_provider_features,
  G_DEFINE_ENUM_VALUE (AK_PROVIDER_FEATURE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (AK_PROVIDER_FEATURE_EXPIRY, "expiry"),
  G_DEFINE_ENUM_VALUE (AK_PROVIDER_FEATURE_ALL_USERS, "all-users"),
  G_DEFINE_ENUM_VALUE (AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS, "application-credentials"),
  G_DEFINE_ENUM_VALUE (AK_PROVIDER_FEATURE_NAMES, "names"),
  G_DEFINE_ENUM_VALUE (AK_PROVIDER_FEATURE_CREATE_EC2, "create-ec2"),
  G_DEFINE_ENUM_VALUE (AK_PROVIDER_FEATURE_RESTORE, "restore"))

G_DEFINE_ENUM_TYPE (AkKeyScope, ak_key_scope,
  G_DEFINE_ENUM_VALUE (AK_KEY_SCOPE_MINE, "mine"),
  G_DEFINE_ENUM_VALUE (AK_KEY_SCOPE_ALL_USERS, "all-users"))

G_DEFINE_INTERFACE (AkProvider, ak_provider, G_TYPE_OBJECT)

static void
ak_provider_default_init (AkProviderInterface *iface)
{
  /**
   * AkProvider:features:
   *
   * What the provider can do for its account; it changes when a sign-in
   * finds out, for example, that the account may list every user's keys.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_flags ("features", NULL, NULL,
                                                           AK_TYPE_PROVIDER_FEATURES,
                                                           AK_PROVIDER_FEATURE_NONE,
                                                           (G_PARAM_READABLE |
                                                            G_PARAM_EXPLICIT_NOTIFY |
                                                            G_PARAM_STATIC_STRINGS)));
}

AkProviderFeatures
ak_provider_get_features (AkProvider *self)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), AK_PROVIDER_FEATURE_NONE);

  if (AK_PROVIDER_GET_IFACE (self)->get_features == NULL)
    return AK_PROVIDER_FEATURE_NONE;

  return AK_PROVIDER_GET_IFACE (self)->get_features (self);
}

gboolean
ak_provider_has_feature (AkProvider         *self,
                         AkProviderFeatures  feature)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), FALSE);

  return (ak_provider_get_features (self) & feature) == feature;
}

/**
 * ak_provider_sign_in_async:
 * @self: an #AkProvider
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has answered
 * @user_data: closure data for @callback
 *
 * Signs in with the account's credentials, proving they work, and finds out
 * what the account may do (#AkProvider:features).
 */
void
ak_provider_sign_in_async (AkProvider          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  AK_PROVIDER_GET_IFACE (self)->sign_in_async (self, cancellable, callback, user_data);
}

gboolean
ak_provider_sign_in_finish (AkProvider    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return AK_PROVIDER_GET_IFACE (self)->sign_in_finish (self, result, error);
}

/**
 * ak_provider_list_keys_async:
 * @self: an #AkProvider
 * @scope: whose keys to list
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the keys
 * @user_data: closure data for @callback
 *
 * Lists the keys of the signed-in user, or of every user where the account
 * has %AK_PROVIDER_FEATURE_ALL_USERS.
 */
void
ak_provider_list_keys_async (AkProvider          *self,
                             AkKeyScope           scope,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  AK_PROVIDER_GET_IFACE (self)->list_keys_async (self, scope, cancellable, callback, user_data);
}

/* What a list hands back: the keys, and the entries that were no key. */
typedef struct
{
  GPtrArray *keys;
  GPtrArray *unreadable;
  /* The users whose keys could not be read, by name (or ID). */
  GStrv      failed_users;
} ListResult;

static void
list_result_free (ListResult *list_result)
{
  g_clear_pointer (&list_result->keys, g_ptr_array_unref);
  g_clear_pointer (&list_result->unreadable, g_ptr_array_unref);
  g_clear_pointer (&list_result->failed_users, g_strfreev);
  g_free (list_result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListResult, list_result_free)

/**
 * ak_provider_task_return_list:
 * @task: the task of a list_keys_async() implementation
 * @keys: (transfer full) (element-type AkKey): the keys listed
 * @unreadable: (transfer full) (nullable) (element-type AkUnreadableEntry):
 *   the entries that could not be read safely
 *
 * Returns @keys and @unreadable as @task's result, for
 * ak_provider_task_propagate_list() in the list_keys_finish() implementation.
 */
void
ak_provider_task_return_list (GTask     *task,
                              GPtrArray *keys,
                              GPtrArray *unreadable)
{
  ak_provider_task_return_list_full (task, keys, unreadable, NULL);
}

/**
 * ak_provider_task_return_list_full:
 * @task: the task of a list_keys_async() implementation
 * @keys: (transfer full) (element-type AkKey): the keys listed
 * @unreadable: (transfer full) (nullable) (element-type AkUnreadableEntry):
 *   the entries that could not be read safely
 * @failed_users: (transfer full) (nullable): the users whose keys could not
 *   be read, by name, for a list that went on without them
 *
 * Like ak_provider_task_return_list(), for a list that read user by user.
 */
void
ak_provider_task_return_list_full (GTask     *task,
                                   GPtrArray *keys,
                                   GPtrArray *unreadable,
                                   GStrv      failed_users)
{
  ListResult *list_result = g_new0 (ListResult, 1);

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (keys != NULL);

  list_result->keys = keys;
  list_result->unreadable = unreadable;
  list_result->failed_users = failed_users;
  g_task_return_pointer (task, list_result, (GDestroyNotify) list_result_free);
}

/* Returns: (transfer full): the list result of @task, or %NULL on an error */
static ListResult *
task_propagate_list_result (GTask   *task,
                            GError **error)
{
  return g_task_propagate_pointer (task, error);
}

/**
 * ak_provider_task_propagate_list:
 * @task: a task given a result by ak_provider_task_return_list()
 * @unreadable: (out) (transfer container): return location for the entries
 *   that could not be read safely; left alone on an error
 * @error: a location for a #GError
 *
 * Returns: (transfer container) (element-type AkKey): the keys, or %NULL
 */
GPtrArray *
ak_provider_task_propagate_list (GTask      *task,
                                 GPtrArray **unreadable,
                                 GError    **error)
{
  g_autoptr(ListResult) list_result = NULL;

  g_return_val_if_fail (G_IS_TASK (task), NULL);
  g_return_val_if_fail (unreadable != NULL, NULL);

  list_result = task_propagate_list_result (task, error);
  if (list_result == NULL)
    return NULL;

  *unreadable = g_steal_pointer (&list_result->unreadable);

  return g_steal_pointer (&list_result->keys);
}

/**
 * ak_provider_list_keys_finish:
 * @self: an #AkProvider
 * @result: the #GAsyncResult given to the callback
 * @unreadable: (out) (optional) (transfer container) (element-type AkUnreadableEntry):
 *   return location for the entries of the server's lists that could not be
 *   read safely and so are not among the keys; an empty array when there
 *   were none, left alone on an error
 * @error: a location for a #GError in the %AK_ERROR domain
 *
 * Returns: (transfer container) (element-type AkKey): the keys, or %NULL
 */
GPtrArray *
ak_provider_list_keys_finish (AkProvider    *self,
                              GAsyncResult  *result,
                              GPtrArray    **unreadable,
                              GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (AK_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (unreadable == NULL || *unreadable == NULL, NULL);

  keys = AK_PROVIDER_GET_IFACE (self)->list_keys_finish (self, result, &entries, error);
  if (keys == NULL)
    return NULL;

  if (unreadable != NULL)
    *unreadable = entries != NULL ? g_steal_pointer (&entries)
                                  : g_ptr_array_new_with_free_func (g_object_unref);

  return g_steal_pointer (&keys);
}

/**
 * ak_provider_list_keys_progress_async:
 * @self: an #AkProvider
 * @scope: whose keys to list
 * @progress: called with the keys as they arrive
 * @progress_data: closure data for @progress, valid until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is complete
 * @user_data: closure data for @callback
 *
 * Like ak_provider_list_keys_async(), but the keys reach @progress as they
 * arrive (user by user for every user's keys), with how many users have been
 * read; ak_provider_list_keys_progress_finish() then gives the keys not yet
 * reported. A provider that cannot report lists as usual and gives every key
 * at the end. An implementation returns its result with
 * ak_provider_task_return_list_full().
 */
void
ak_provider_list_keys_progress_async (AkProvider          *self,
                                      AkKeyScope           scope,
                                      AkListProgressFunc   progress,
                                      gpointer             progress_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AkProviderInterface *iface;

  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (progress != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  iface = AK_PROVIDER_GET_IFACE (self);
  if (iface->list_keys_progress_async == NULL)
    iface->list_keys_async (self, scope, cancellable, callback, user_data);
  else
    iface->list_keys_progress_async (self, scope, progress, progress_data, cancellable,
                                     callback, user_data);
}

/**
 * ak_provider_list_keys_progress_finish:
 * @self: an #AkProvider
 * @result: the #GAsyncResult given to the callback
 * @unreadable: (out) (optional) (transfer container) (element-type AkUnreadableEntry):
 *   as for ak_provider_list_keys_finish()
 * @failed_users: (out) (optional) (transfer full): return location for the
 *   names of the users whose keys could not be read (the list went on
 *   without them), %NULL when there were none
 * @error: a location for a #GError in the %AK_ERROR domain
 *
 * Returns: (transfer container) (element-type AkKey): the keys not given
 *   to the progress function, or %NULL on an error
 */
GPtrArray *
ak_provider_list_keys_progress_finish (AkProvider    *self,
                                       GAsyncResult  *result,
                                       GPtrArray    **unreadable,
                                       GStrv         *failed_users,
                                       GError       **error)
{
  g_autoptr(ListResult) list_result = NULL;

  g_return_val_if_fail (AK_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (failed_users != NULL)
    *failed_users = NULL;

  if (AK_PROVIDER_GET_IFACE (self)->list_keys_progress_async == NULL)
    return ak_provider_list_keys_finish (self, result, unreadable, error);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  list_result = task_propagate_list_result (G_TASK (result), error);
  if (list_result == NULL)
    return NULL;

  if (unreadable != NULL)
    *unreadable = list_result->unreadable != NULL
                    ? g_steal_pointer (&list_result->unreadable)
                    : g_ptr_array_new_with_free_func (g_object_unref);
  if (failed_users != NULL)
    *failed_users = g_steal_pointer (&list_result->failed_users);

  return g_steal_pointer (&list_result->keys);
}

/**
 * ak_provider_create_key_async:
 * @self: an #AkProvider
 * @kind: the kind of key to create
 * @name: (nullable): its name, where the kind has one
 * @description: (nullable): its description, where the kind has one
 * @expires_at: (nullable): when it stops working, where the kind expires
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new key
 * @user_data: closure data for @callback
 *
 * Creates a key for the signed-in user in the account's project.
 */
void
ak_provider_create_key_async (AkProvider          *self,
                              AkKeyKind            kind,
                              const char          *name,
                              const char          *description,
                              GDateTime           *expires_at,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  AK_PROVIDER_GET_IFACE (self)->create_key_async (self, kind, NULL, name, description,
                                                  expires_at, cancellable, callback, user_data);
}

/**
 * ak_provider_create_key_like_async:
 * @self: an #AkProvider
 * @like: the key the new one is to replace
 * @name: (nullable): its name, where the kind has one
 * @description: (nullable): its description, where the kind has one
 * @expires_at: (nullable): when it stops working, where the kind expires
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new key
 * @user_data: closure data for @callback
 *
 * Creates a key of @like's kind for @like's owner in @like's project; an
 * application credential gets @like's roles, access rules and unrestricted
 * flag as well. Finish with ak_provider_create_key_finish().
 */
void
ak_provider_create_key_like_async (AkProvider          *self,
                                   AkKey               *like,
                                   const char          *name,
                                   const char          *description,
                                   GDateTime           *expires_at,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (AK_IS_KEY (like));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  AK_PROVIDER_GET_IFACE (self)->create_key_async (self, ak_key_get_kind (like), like, name,
                                                  description, expires_at, cancellable,
                                                  callback, user_data);
}

/**
 * ak_provider_create_key_finish:
 * @self: an #AkProvider
 * @result: the #GAsyncResult given to the callback
 * @secret: (out) (optional) (transfer full): the new key's secret, which the
 *   server shows this once; it is wiped when the last reference goes
 * @error: a location for a #GError in the %AK_ERROR domain
 *
 * Returns: (transfer full): the new key, or %NULL
 */
AkKey *
ak_provider_create_key_finish (AkProvider    *self,
                               GAsyncResult  *result,
                               AkSecret     **secret,
                               GError       **error)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return AK_PROVIDER_GET_IFACE (self)->create_key_finish (self, result, secret, error);
}

/**
 * ak_provider_delete_key_async:
 * @self: an #AkProvider
 * @key: the key to delete, named by its identity
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has answered
 * @user_data: closure data for @callback
 *
 * Deletes @key for good. A key the server no longer has finishes with
 * %AK_ERROR_NOT_FOUND, which callers treat as "already deleted".
 */
void
ak_provider_delete_key_async (AkProvider          *self,
                              AkKey               *key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (AK_IS_KEY (key));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  AK_PROVIDER_GET_IFACE (self)->delete_key_async (self, key, cancellable, callback, user_data);
}

gboolean
ak_provider_delete_key_finish (AkProvider    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return AK_PROVIDER_GET_IFACE (self)->delete_key_finish (self, result, error);
}

/* A provider that cannot do something says so through its task, so that a
 * caller never waits for an answer that will not come. */
static void
ak_provider_report_unsupported (AkProvider          *self,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data,
                                gpointer             source_tag)
{
  g_task_report_new_error (self, callback, user_data, source_tag, AK_ERROR, AK_ERROR_FAILED,
                           "%s", _("This kind of account cannot do that."));
}

/**
 * ak_provider_get_key_async:
 * @self: an #AkProvider
 * @key: the key to look up, named by its identity
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with what the server has
 * @user_data: closure data for @callback
 *
 * Asks the server for @key as it is now. This is how an outcome lost in
 * transit is settled: a key the server no longer has finishes with
 * %AK_ERROR_NOT_FOUND.
 */
void
ak_provider_get_key_async (AkProvider          *self,
                           AkKey               *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (AK_IS_KEY (key));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (AK_PROVIDER_GET_IFACE (self)->get_key_async == NULL)
    {
      ak_provider_report_unsupported (self, callback, user_data, ak_provider_get_key_async);
      return;
    }

  AK_PROVIDER_GET_IFACE (self)->get_key_async (self, key, cancellable, callback, user_data);
}

/**
 * ak_provider_get_key_finish:
 * @self: an #AkProvider
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError in the %AK_ERROR domain
 *
 * Returns: (transfer full): the key as the server has it, or %NULL
 */
AkKey *
ak_provider_get_key_finish (AkProvider    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (g_async_result_is_tagged (result, ak_provider_get_key_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return AK_PROVIDER_GET_IFACE (self)->get_key_finish (self, result, error);
}

/**
 * ak_provider_fetch_secret_async:
 * @self: an #AkProvider
 * @key: an EC2 key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the secret
 * @user_data: closure data for @callback
 *
 * Fetches @key's secret into memory, so that the key can be restored after
 * it is deleted (%AK_PROVIDER_FEATURE_RESTORE). The secret never reaches an
 * #AkKey.
 */
void
ak_provider_fetch_secret_async (AkProvider          *self,
                                AkKey               *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (AK_IS_KEY (key));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (AK_PROVIDER_GET_IFACE (self)->fetch_secret_async == NULL)
    {
      ak_provider_report_unsupported (self, callback, user_data, ak_provider_fetch_secret_async);
      return;
    }

  AK_PROVIDER_GET_IFACE (self)->fetch_secret_async (self, key, cancellable, callback, user_data);
}

/**
 * ak_provider_fetch_secret_finish:
 * @self: an #AkProvider
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError in the %AK_ERROR domain
 *
 * Returns: (transfer full): the secret, wiped when the last reference goes,
 *   or %NULL
 */
AkSecret *
ak_provider_fetch_secret_finish (AkProvider    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (g_async_result_is_tagged (result, ak_provider_fetch_secret_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return AK_PROVIDER_GET_IFACE (self)->fetch_secret_finish (self, result, error);
}

/**
 * ak_provider_restore_key_async:
 * @self: an #AkProvider
 * @key: a deleted EC2 key, as it was listed
 * @secret: its secret, from ak_provider_fetch_secret_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the restored key
 * @user_data: closure data for @callback
 *
 * Creates @key again with the same ID and secret, for the same owner and
 * project, so that programs signing with it work again.
 */
void
ak_provider_restore_key_async (AkProvider          *self,
                               AkKey               *key,
                               AkSecret            *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (AK_IS_KEY (key));
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (AK_PROVIDER_GET_IFACE (self)->restore_key_async == NULL)
    {
      ak_provider_report_unsupported (self, callback, user_data, ak_provider_restore_key_async);
      return;
    }

  AK_PROVIDER_GET_IFACE (self)->restore_key_async (self, key, secret, cancellable,
                                                   callback, user_data);
}

/**
 * ak_provider_restore_key_finish:
 * @self: an #AkProvider
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError in the %AK_ERROR domain
 *
 * Returns: (transfer full): the restored key, or %NULL
 */
AkKey *
ak_provider_restore_key_finish (AkProvider    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (g_async_result_is_tagged (result, ak_provider_restore_key_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return AK_PROVIDER_GET_IFACE (self)->restore_key_finish (self, result, error);
}

/**
 * ak_provider_lookup_async:
 * @self: an #AkProvider
 * @kind: a user or a project
 * @id: its ID
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with what the server has
 * @user_data: closure data for @callback
 *
 * Asks the server's own lookup for the user or project @id, for the details
 * of a key. An account may be refused it (%AK_ERROR_PERMISSION): a member
 * may read only its own user, and only projects it has a role on.
 */
void
ak_provider_lookup_async (AkProvider          *self,
                          AkDirectoryKind      kind,
                          const char          *id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (AK_IS_PROVIDER (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (AK_PROVIDER_GET_IFACE (self)->lookup_async == NULL)
    {
      ak_provider_report_unsupported (self, callback, user_data, ak_provider_lookup_async);
      return;
    }

  AK_PROVIDER_GET_IFACE (self)->lookup_async (self, kind, id, cancellable, callback, user_data);
}

/**
 * ak_provider_lookup_finish:
 * @self: an #AkProvider
 * @result: the #GAsyncResult given to the callback
 * @error: a location for a #GError in the %AK_ERROR domain
 *
 * Returns: (transfer full): the user or project, or %NULL
 */
AkDirectoryEntry *
ak_provider_lookup_finish (AkProvider    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (AK_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (g_async_result_is_tagged (result, ak_provider_lookup_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return AK_PROVIDER_GET_IFACE (self)->lookup_finish (self, result, error);
}
