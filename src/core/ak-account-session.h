/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-account.h"
#include "ak-account-store.h"
#include "ak-deleted-key.h"
#include "ak-history.h"
#include "ak-key-details.h"
#include "ak-key-result.h"
#include "ak-provider.h"

G_BEGIN_DECLS

/* What an account session is doing, for the window to show one page per
 * state. */
typedef enum
{
  AK_ACCOUNT_SESSION_STATE_NO_ACCOUNT,
  AK_ACCOUNT_SESSION_STATE_SIGNING_IN,
  AK_ACCOUNT_SESSION_STATE_LOADING,
  AK_ACCOUNT_SESSION_STATE_KEYS,
  AK_ACCOUNT_SESSION_STATE_EMPTY,
  AK_ACCOUNT_SESSION_STATE_ERROR,
  AK_ACCOUNT_SESSION_STATE_SIGNED_OUT,
} AkAccountSessionState;

#define AK_TYPE_ACCOUNT_SESSION_STATE (ak_account_session_state_get_type ())
GType ak_account_session_state_get_type (void) G_GNUC_CONST;

#define AK_TYPE_ACCOUNT_SESSION (ak_account_session_get_type ())

G_DECLARE_FINAL_TYPE (AkAccountSession, ak_account_session, AK, ACCOUNT_SESSION, GObject)

AkAccountSession      *ak_account_session_new               (AkAccount            *account,
                                                             AkAccountStore       *store);
AkAccountSession      *ak_account_session_new_signed_in     (AkAccount            *account,
                                                             AkProvider           *provider);
AkAccount             *ak_account_session_get_account       (AkAccountSession     *self);
AkProvider            *ak_account_session_get_provider      (AkAccountSession     *self);
AkHistory             *ak_account_session_get_history       (AkAccountSession     *self);
void                   ak_account_session_set_history       (AkAccountSession     *self,
                                                             AkHistory            *history);
gboolean               ak_account_session_has_feature       (AkAccountSession     *self,
                                                             AkProviderFeatures    feature);
GListModel            *ak_account_session_get_keys          (AkAccountSession     *self);
GListModel            *ak_account_session_get_recently_deleted (AkAccountSession  *self);
GListModel            *ak_account_session_get_unreadable    (AkAccountSession     *self);
guint                  ak_account_session_get_n_unreadable  (AkAccountSession     *self);
AkAccountSessionState  ak_account_session_get_state         (AkAccountSession     *self);
const GError          *ak_account_session_get_error         (AkAccountSession     *self);
gboolean               ak_account_session_get_signed_in     (AkAccountSession     *self);
gboolean               ak_account_session_get_refreshing    (AkAccountSession     *self);
guint                  ak_account_session_get_n_operations  (AkAccountSession     *self);
guint                  ak_account_session_get_users_loaded  (AkAccountSession     *self);
guint                  ak_account_session_get_users_total   (AkAccountSession     *self);
gboolean               ak_account_session_get_loading_users (AkAccountSession     *self);
gboolean               ak_account_session_get_partial       (AkAccountSession     *self);
const char * const    *ak_account_session_get_failed_users  (AkAccountSession     *self);
AkKeyScope             ak_account_session_get_scope         (AkAccountSession     *self);
void                   ak_account_session_set_scope         (AkAccountSession     *self,
                                                             AkKeyScope            scope);
guint                  ak_account_session_get_expires_soon_days (AkAccountSession *self);
void                   ak_account_session_set_expires_soon_days (AkAccountSession *self,
                                                             guint                 days);
void                   ak_account_session_start             (AkAccountSession     *self);
void                   ak_account_session_refresh           (AkAccountSession     *self);
void                   ak_account_session_cancel_loading    (AkAccountSession     *self);
void                   ak_account_session_sign_out          (AkAccountSession     *self,
                                                             const char           *reason);
void                   ak_account_session_close             (AkAccountSession     *self);
gboolean               ak_account_session_get_closed        (AkAccountSession     *self);
AkKey                 *ak_account_session_find_key          (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *id);
gboolean               ak_account_session_is_deleting       (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *id);
gboolean               ak_account_session_is_sign_in_key    (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *id);
gboolean               ak_account_session_can_restore       (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *id);
void                   ak_account_session_add_key           (AkAccountSession     *self,
                                                             AkKey                *key);
AkDeletedKey          *ak_account_session_find_deleted      (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *id);

void                   ak_account_session_delete_key_async  (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *id,
                                                             AkKey                *fallback,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
AkKeyResult           *ak_account_session_delete_key_finish (AkAccountSession     *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                   ak_account_session_restore_key_async (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *id,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
AkKeyResult           *ak_account_session_restore_key_finish (AkAccountSession    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                   ak_account_session_delete_keys_async (AkAccountSession     *self,
                                                             GPtrArray            *keys,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray             *ak_account_session_delete_keys_finish (AkAccountSession    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                   ak_account_session_retry_failed_async (AkAccountSession    *self,
                                                             GPtrArray            *results,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray             *ak_account_session_retry_failed_finish (AkAccountSession   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                   ak_account_session_create_key_async  (AkAccountSession     *self,
                                                             AkKeyKind             kind,
                                                             const char           *name,
                                                             const char           *description,
                                                             GDateTime            *expires_at,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
void                   ak_account_session_create_key_like_async (AkAccountSession *self,
                                                             AkKey                *like,
                                                             const char           *name,
                                                             const char           *description,
                                                             GDateTime            *expires_at,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
AkKey                 *ak_account_session_create_key_finish (AkAccountSession     *self,
                                                             GAsyncResult         *result,
                                                             AkSecret            **secret,
                                                             GError              **error);
void                   ak_account_session_lookup_key_async  (AkAccountSession     *self,
                                                             AkKey                *key,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
AkKeyDetails          *ak_account_session_lookup_key_finish (AkAccountSession     *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

char                  *ak_key_identity                      (AkKeyKind             kind,
                                                             const char           *id);

G_END_DECLS
