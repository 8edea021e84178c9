/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-directory-entry.h"
#include "ak-key.h"
#include "ak-secret.h"
#include "ak-unreadable-entry.h"

G_BEGIN_DECLS

/* What a provider can do for the account it signed in with. Known only after
 * ak_provider_sign_in_async() has finished. APPLICATION_CREDENTIALS and
 * CREATE_EC2 say which kinds of key the account may create. */
typedef enum /*< flags >*/
{
  AK_PROVIDER_FEATURE_NONE                    = 0,
  AK_PROVIDER_FEATURE_EXPIRY                  = 1 << 0,
  AK_PROVIDER_FEATURE_ALL_USERS               = 1 << 1,
  AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS = 1 << 2,
  AK_PROVIDER_FEATURE_NAMES                   = 1 << 3,
  AK_PROVIDER_FEATURE_CREATE_EC2              = 1 << 4,
  AK_PROVIDER_FEATURE_RESTORE                 = 1 << 5,
} AkProviderFeatures;

#define AK_TYPE_PROVIDER_FEATURES (ak_provider_features_get_type ())
GType ak_provider_features_get_type (void) G_GNUC_CONST;

/* Whose keys a list asks for. */
typedef enum
{
  AK_KEY_SCOPE_MINE,
  AK_KEY_SCOPE_ALL_USERS,
} AkKeyScope;

#define AK_TYPE_KEY_SCOPE (ak_key_scope_get_type ())
GType ak_key_scope_get_type (void) G_GNUC_CONST;

#define AK_TYPE_PROVIDER (ak_provider_get_type ())

G_DECLARE_INTERFACE (AkProvider, ak_provider, AK, PROVIDER, GObject)

/* Called by a list while it runs, on the thread of its callback: @keys
 * (element-type AkKey, transfer none; the caller refs what it keeps) have
 * arrived since the last call and will not be in the list's result;
 * @users_done of @users_total users have been read (both 0 when the list is
 * not read user by user). Never called after the list's callback. */
typedef void (*AkListProgressFunc) (AkProvider *provider,
                                    GPtrArray  *keys,
                                    guint       users_done,
                                    guint       users_total,
                                    gpointer    user_data);

struct _AkProviderInterface
{
  GTypeInterface parent_iface;

  AkProviderFeatures  (*get_features)     (AkProvider           *self);

  void                (*sign_in_async)    (AkProvider           *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  gboolean            (*sign_in_finish)   (AkProvider           *self,
                                           GAsyncResult         *result,
                                           GError              **error);

  void                (*list_keys_async)  (AkProvider           *self,
                                           AkKeyScope            scope,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  GPtrArray          *(*list_keys_finish) (AkProvider           *self,
                                           GAsyncResult         *result,
                                           GPtrArray           **unreadable,
                                           GError              **error);

  /* Optional: a list that reports its keys as they arrive. Its result is
   * read with list_keys_finish(). */
  void                (*list_keys_progress_async) (AkProvider     *self,
                                           AkKeyScope            scope,
                                           AkListProgressFunc    progress,
                                           gpointer              progress_data,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);

  /* @like: (nullable): a key whose owner and project the new one copies
   * (and, for application credentials, its roles, access rules and
   * unrestricted flag); %NULL for the signed-in user in its project. */
  void                (*create_key_async) (AkProvider           *self,
                                           AkKeyKind             kind,
                                           AkKey                *like,
                                           const char           *name,
                                           const char           *description,
                                           GDateTime            *expires_at,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  AkKey              *(*create_key_finish) (AkProvider          *self,
                                           GAsyncResult         *result,
                                           AkSecret            **secret,
                                           GError              **error);

  void                (*delete_key_async) (AkProvider           *self,
                                           AkKey                *key,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  gboolean            (*delete_key_finish) (AkProvider          *self,
                                           GAsyncResult         *result,
                                           GError              **error);

  void                (*get_key_async)    (AkProvider           *self,
                                           AkKey                *key,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  AkKey              *(*get_key_finish)   (AkProvider           *self,
                                           GAsyncResult         *result,
                                           GError              **error);

  void                (*fetch_secret_async) (AkProvider         *self,
                                           AkKey                *key,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  AkSecret           *(*fetch_secret_finish) (AkProvider        *self,
                                           GAsyncResult         *result,
                                           GError              **error);

  void                (*restore_key_async) (AkProvider          *self,
                                           AkKey                *key,
                                           AkSecret             *secret,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  AkKey              *(*restore_key_finish) (AkProvider         *self,
                                           GAsyncResult         *result,
                                           GError              **error);

  void                (*lookup_async)     (AkProvider           *self,
                                           AkDirectoryKind       kind,
                                           const char           *id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  AkDirectoryEntry   *(*lookup_finish)    (AkProvider           *self,
                                           GAsyncResult         *result,
                                           GError              **error);
};

AkProviderFeatures  ak_provider_get_features     (AkProvider           *self);
gboolean            ak_provider_has_feature      (AkProvider           *self,
                                                  AkProviderFeatures    feature);
void                ak_provider_sign_in_async    (AkProvider           *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            ak_provider_sign_in_finish   (AkProvider           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                ak_provider_list_keys_async  (AkProvider           *self,
                                                  AkKeyScope            scope,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray          *ak_provider_list_keys_finish (AkProvider           *self,
                                                  GAsyncResult         *result,
                                                  GPtrArray           **unreadable,
                                                  GError              **error);
void                ak_provider_list_keys_progress_async (AkProvider   *self,
                                                  AkKeyScope            scope,
                                                  AkListProgressFunc    progress,
                                                  gpointer              progress_data,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray          *ak_provider_list_keys_progress_finish (AkProvider  *self,
                                                  GAsyncResult         *result,
                                                  GPtrArray           **unreadable,
                                                  GStrv                *failed_users,
                                                  GError              **error);
/* For implementations of list_keys_async/_finish: a task's list result. */
void                ak_provider_task_return_list (GTask                *task,
                                                  GPtrArray            *keys,
                                                  GPtrArray            *unreadable);
void                ak_provider_task_return_list_full (GTask           *task,
                                                  GPtrArray            *keys,
                                                  GPtrArray            *unreadable,
                                                  GStrv                 failed_users);
GPtrArray          *ak_provider_task_propagate_list (GTask             *task,
                                                  GPtrArray           **unreadable,
                                                  GError              **error);
void                ak_provider_create_key_async (AkProvider           *self,
                                                  AkKeyKind             kind,
                                                  const char           *name,
                                                  const char           *description,
                                                  GDateTime            *expires_at,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void                ak_provider_create_key_like_async (AkProvider      *self,
                                                  AkKey                *like,
                                                  const char           *name,
                                                  const char           *description,
                                                  GDateTime            *expires_at,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AkKey              *ak_provider_create_key_finish (AkProvider          *self,
                                                  GAsyncResult         *result,
                                                  AkSecret            **secret,
                                                  GError              **error);
void                ak_provider_delete_key_async (AkProvider           *self,
                                                  AkKey                *key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            ak_provider_delete_key_finish (AkProvider          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                ak_provider_get_key_async    (AkProvider           *self,
                                                  AkKey                *key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AkKey              *ak_provider_get_key_finish   (AkProvider           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                ak_provider_fetch_secret_async (AkProvider         *self,
                                                  AkKey                *key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AkSecret           *ak_provider_fetch_secret_finish (AkProvider        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                ak_provider_restore_key_async (AkProvider          *self,
                                                  AkKey                *key,
                                                  AkSecret             *secret,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AkKey              *ak_provider_restore_key_finish (AkProvider         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                ak_provider_lookup_async     (AkProvider           *self,
                                                  AkDirectoryKind       kind,
                                                  const char           *id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AkDirectoryEntry   *ak_provider_lookup_finish    (AkProvider           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
