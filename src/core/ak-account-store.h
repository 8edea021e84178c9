/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-account.h"
#include "ak-secret.h"

G_BEGIN_DECLS

/* The libsecret schema of the keyring items that hold account secrets. */
#define AK_ACCOUNT_STORE_SCHEMA_NAME "io.github.accesskeys.AccessKeys.Account"
#define AK_ACCOUNT_STORE_ATTRIBUTE_ACCOUNT_ID "account-id"

#define AK_TYPE_ACCOUNT_STORE (ak_account_store_get_type ())

/* The saved accounts, as a GListModel of AkAccount. The fields live in a
 * keyfile, the secrets in the keyring. */
G_DECLARE_FINAL_TYPE (AkAccountStore, ak_account_store, AK, ACCOUNT_STORE, GObject)

AkAccountStore *ak_account_store_new                 (const char           *path);
const char     *ak_account_store_get_path            (AkAccountStore       *self);
AkAccount      *ak_account_store_find                (AkAccountStore       *self,
                                                      const char           *id);
void            ak_account_store_load_async          (AkAccountStore       *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        ak_account_store_load_finish         (AkAccountStore       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            ak_account_store_save_async          (AkAccountStore       *self,
                                                      AkAccount            *account,
                                                      AkSecret             *secret,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        ak_account_store_save_finish         (AkAccountStore       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            ak_account_store_remove_async        (AkAccountStore       *self,
                                                      AkAccount            *account,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        ak_account_store_remove_finish       (AkAccountStore       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            ak_account_store_lookup_secret_async (AkAccountStore       *self,
                                                      AkAccount            *account,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
AkSecret       *ak_account_store_lookup_secret_finish (AkAccountStore      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
