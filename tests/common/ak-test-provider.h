/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-error.h"
#include "ak-provider.h"

G_BEGIN_DECLS

/* The calls an AkTestProvider answers, for counting and scripting them. */
typedef enum
{
  AK_TEST_CALL_SIGN_IN,
  AK_TEST_CALL_LIST,
  AK_TEST_CALL_CREATE,
  AK_TEST_CALL_DELETE,
  AK_TEST_CALL_GET,
  AK_TEST_CALL_FETCH_SECRET,
  AK_TEST_CALL_RESTORE,
  AK_TEST_CALL_LOOKUP,
  AK_TEST_N_CALLS,
} AkTestCall;

/* The dummy secret every key created by an AkTestProvider comes with. */
#define AK_TEST_PROVIDER_SECRET "test-secret-not-a-real-one"

#define AK_TYPE_TEST_PROVIDER (ak_test_provider_get_type ())

G_DECLARE_FINAL_TYPE (AkTestProvider, ak_test_provider, AK, TEST_PROVIDER, GObject)

AkTestProvider  *ak_test_provider_new                (AkProviderFeatures  features);
void             ak_test_provider_set_features       (AkTestProvider     *self,
                                                      AkProviderFeatures  features);
void             ak_test_provider_add_key            (AkTestProvider     *self,
                                                      AkKey              *key);
AkKey           *ak_test_provider_add_new_key        (AkTestProvider     *self,
                                                      AkKeyKind           kind,
                                                      const char         *id,
                                                      const char         *owner,
                                                      const char         *project,
                                                      const char         *name);
gboolean         ak_test_provider_has_key            (AkTestProvider     *self,
                                                      AkKeyKind           kind,
                                                      const char         *id);
guint            ak_test_provider_get_n_keys         (AkTestProvider     *self);
void             ak_test_provider_add_unreadable     (AkTestProvider     *self,
                                                      AkKeyKind           kind,
                                                      guint               position,
                                                      const char         *reason);
void             ak_test_provider_clear_unreadable   (AkTestProvider     *self);
void             ak_test_provider_push_result        (AkTestProvider     *self,
                                                      AkTestCall          call,
                                                      GError             *error);
void             ak_test_provider_push_error         (AkTestProvider     *self,
                                                      AkTestCall          call,
                                                      AkErrorCode         code);
void             ak_test_provider_push_lost_answer   (AkTestProvider     *self,
                                                      AkTestCall          call,
                                                      AkErrorCode         code);
char            *ak_test_provider_dup_secret_for     (const char         *id);
const char      *ak_test_provider_get_secret         (AkTestProvider     *self,
                                                      const char         *id);
void             ak_test_provider_set_auto_complete  (AkTestProvider     *self,
                                                      AkTestCall          call,
                                                      gboolean            auto_complete);
guint            ak_test_provider_get_n_calls        (AkTestProvider     *self,
                                                      AkTestCall          call);
guint            ak_test_provider_get_n_pending      (AkTestProvider     *self,
                                                      AkTestCall          call);
gboolean         ak_test_provider_complete_next      (AkTestProvider     *self,
                                                      AkTestCall          call);
const char      *ak_test_provider_get_deleted_id     (AkTestProvider     *self,
                                                      guint               nth);
AkKeyScope       ak_test_provider_get_last_scope     (AkTestProvider     *self);
void             ak_test_provider_add_directory_entry (AkTestProvider    *self,
                                                      AkDirectoryEntry   *entry);

G_END_DECLS
