/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-account.h"
#include "ak-provider.h"

G_BEGIN_DECLS

/* Helpers for the tests and benchmarks that drive the core without a
 * display: the AK_TEST_* environment of tests/harness/keystone.sh, waiting on
 * the main loop for an async result (never for a fixed time, but for at most
 * the wait limit, which fails the test), and the AkProvider calls made
 * synchronous. */

const char   *ak_test_env                (const char    *name);
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

G_END_DECLS
