/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "ak-keystone-json.h"
#include "ak-keystone-provider.h"

G_BEGIN_DECLS

/* AkKeystoneProvider is split by concern, sharing the struct below:
 *   ak-keystone-provider.c        the GObject, sign-in, create and delete
 *   ak-keystone-provider-call.c   one request: token, body limit, re-auth
 *   ak-keystone-provider-token.c  the token and the sign-in that gets it
 *   ak-keystone-provider-list.c   listing keys, every user's included
 *   ak-keystone-provider-restore.c  one key as the server has it, an EC2
 *                                 key's secret, restoring a deleted key
 *   ak-keystone-provider-lookup.c a key's owner or project, for its details */

/* Requests one list sends at a time; also the session's connections per host. */
#define AK_KEYSTONE_MAX_IN_FLIGHT 6

/* The collections of a user's keys, for _ak_keystone_user_path(). */
#define AK_KEYSTONE_EC2_COLLECTION       "/credentials/OS-EC2"
#define AK_KEYSTONE_APP_CRED_COLLECTION  "/application_credentials"

struct _AkKeystoneProvider
{
  GObject                     parent_instance;

  /* Who signs in, and how; set at construction. */
  AkAccount                  *account;
  AkSecret                   *secret;

  /* Transport. */
  SoupSession                *session;
  /* For AK_KEYSTONE_CALL_PATIENT calls, made when first needed. */
  SoupSession                *patient_session;
  guint64                     max_body_size;
  guint                       deadline;
  AkKeystoneAllUsersStrategy  all_users_strategy;

  /* The current token and what it says, in memory only. */
  AkSecret                   *token;
  AkKeystoneToken            *token_info;
  gint64                      token_renew_at;

  /* The sign-in under way, if any, and the requests waiting for it. */
  GCancellable               *sign_in_cancellable;
  GQueue                      sign_in_waiters;
  guint                       sign_in_count;

  AkProviderFeatures          features;

  /* The fewest requests the last list had in flight at a time, as it
   * adapted to the server (for tests). */
  guint                       list_narrowest;
};

/* ak-keystone-provider.c */

void                _ak_keystone_provider_set_features (AkKeystoneProvider   *self,
                                                        AkProviderFeatures    features);
void                _ak_keystone_provider_note_sign_in (AkKeystoneProvider   *self);
const char         *_ak_keystone_key_collection        (AkKeyKind             kind);
void                _ak_keystone_fill_own_names        (AkKeystoneProvider   *self,
                                                        AkKey                *key);

/* ak-keystone-provider-call.c */

typedef enum
{
  AK_KEYSTONE_CALL_NONE              = 0,
  AK_KEYSTONE_CALL_AUTHENTICATED     = 1 << 0,
  AK_KEYSTONE_CALL_RESEND_IN_TRANSIT = 1 << 1,
  /* A server may think for long before the first byte of this answer (every
   * EC2 key in one list): only the call's deadline bounds the wait, not the
   * session's timeout for a silent connection. */
  AK_KEYSTONE_CALL_PATIENT           = 1 << 2,
} AkKeystoneCallFlags;

/* What the server answered to one request. */
typedef struct
{
  guint      status;
  GBytes    *body;
  AkSecret  *subject_token;
  /* The request may have reached the server more than once. */
  gboolean   resent;
} AkKeystoneResponse;

void                _ak_keystone_response_free         (AkKeystoneResponse   *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AkKeystoneResponse, _ak_keystone_response_free)

void                _ak_keystone_call_async            (AkKeystoneProvider   *self,
                                                        const char           *method,
                                                        const char           *path,
                                                        GBytes               *body,
                                                        AkKeystoneCallFlags   flags,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
AkKeystoneResponse *_ak_keystone_call_finish           (AkKeystoneProvider   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GError             *_ak_keystone_response_error        (AkKeystoneResponse   *response);
AkKeystoneResponse *_ak_keystone_response_for_task     (AkKeystoneProvider   *self,
                                                        GAsyncResult         *result,
                                                        GTask                *task);
GBytes             *_ak_keystone_bytes_from_secret     (AkSecret             *secret);

/* For tests: called with every response body's buffer, already wiped, just
 * before it is freed (the old copies of a growing one included). */
typedef void (*AkKeystoneBodyFreedHook) (const char *data,
                                         gsize       len,
                                         gpointer    user_data);

void                _ak_keystone_set_body_freed_hook   (AkKeystoneBodyFreedHook  hook,
                                                        gpointer                 user_data);
char               *_ak_keystone_user_path             (const char           *user_id,
                                                        const char           *collection,
                                                        const char           *key_id);

static inline gboolean
_ak_keystone_status_is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* ak-keystone-provider-token.c */

void                _ak_keystone_ensure_token_async    (AkKeystoneProvider   *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
AkSecret           *_ak_keystone_ensure_token_finish   (AkKeystoneProvider   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
gboolean            _ak_keystone_token_ready           (AkKeystoneProvider   *self,
                                                        GAsyncResult         *result,
                                                        GTask                *task);
void                _ak_keystone_forget_token          (AkKeystoneProvider   *self,
                                                        AkSecret             *token);

/* ak-keystone-provider-list.c */

void                _ak_keystone_list_keys_async       (AkProvider           *provider,
                                                        AkKeyScope            scope,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void                _ak_keystone_list_keys_progress_async (AkProvider        *provider,
                                                        AkKeyScope            scope,
                                                        AkListProgressFunc    progress,
                                                        gpointer              progress_data,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray          *_ak_keystone_list_keys_finish      (AkProvider           *provider,
                                                        GAsyncResult         *result,
                                                        GPtrArray           **unreadable,
                                                        GError              **error);

/* ak-keystone-provider-restore.c */

void                _ak_keystone_provider_restore_iface_init
                                                       (AkProviderInterface  *iface);

/* ak-keystone-provider-lookup.c */

void                _ak_keystone_provider_lookup_iface_init
                                                       (AkProviderInterface  *iface);

G_END_DECLS
