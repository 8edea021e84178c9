/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-account.h"
#include "ak-provider.h"

G_BEGIN_DECLS

/* Helpers for the tests and benchmarks that drive the core without a
 * display (ak_test_wait_for() waits 30 s at most): the AK_TEST_* environment of tests/harness/keystone.sh, waiting on
 * the main loop for an async result (never for a fixed time, but for at most
 * the wait limit, which fails the test), and the AkProvider calls made
 * synchronous. */

const char   *ak_test_env                (const char    *name);
GBytes       *ak_test_read_fixture       (const char    *first_element,
                                          ...) G_GNUC_NULL_TERMINATED;
GBytes       *ak_test_bytes_from_string  (const char    *text);
void          ak_test_set_wait_limit     (guint          seconds);
void          ak_test_run_for            (guint          ms);
void          ak_test_result_cb          (GObject       *object,
                                          GAsyncResult  *result,
                                          gpointer       user_data);
GAsyncResult *ak_test_await_result       (GAsyncResult **slot);

AkAccount    *ak_test_password_account   (const char    *url,
                                          const char    *domain,
                                          const char    *user,
                                          const char    *project);
AkProvider   *ak_test_password_provider  (const char    *url,
                                          const char    *domain,
                                          const char    *user,
                                          const char    *password,
                                          const char    *project);
AkProvider   *ak_test_keystone_provider  (const char    *user,
                                          const char    *password,
                                          const char    *project);

gboolean      ak_test_sign_in            (AkProvider    *provider,
                                          GError       **error);
GPtrArray    *ak_test_list_keys          (AkProvider    *provider,
                                          AkKeyScope     scope,
                                          GCancellable  *cancellable,
                                          GError       **error);
AkKey        *ak_test_create_key         (AkProvider    *provider,
                                          AkKeyKind      kind,
                                          const char    *name,
                                          const char    *description,
                                          GDateTime     *expires_at,
                                          AkSecret     **secret,
                                          GError       **error);
gboolean      ak_test_delete_key         (AkProvider    *provider,
                                          AkKey         *key,
                                          GError       **error);
AkKey        *ak_test_get_key            (AkProvider    *provider,
                                          AkKey         *key,
                                          GError       **error);
AkSecret     *ak_test_fetch_secret       (AkProvider    *provider,
                                          AkKey         *key,
                                          GError       **error);
AkKey        *ak_test_restore_key        (AkProvider    *provider,
                                          AkKey         *key,
                                          AkSecret      *secret,
                                          GError       **error);

gboolean      ak_test_tick_cb            (gpointer       data);
void          ak_test_drain              (void);

/* Iterates the main context until @expr holds; fails the test after the
 * wait limit (ak_test_set_wait_limit()). */
#define ak_test_wait_for(expr)                                                      \
  G_STMT_START {                                                                    \
    gint64 _ak_deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;            \
    guint _ak_tick = g_timeout_add (5, ak_test_tick_cb, NULL);                      \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _ak_deadline)                                 \
          {                                                                         \
            g_source_remove (_ak_tick);                                             \
            g_assertion_message_expr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,  \
                                      "timed out waiting for " #expr);              \
          }                                                                         \
        g_main_context_iteration (NULL, TRUE);                                      \
      }                                                                             \
    g_source_remove (_ak_tick);                                                     \
  } G_STMT_END

G_END_DECLS
