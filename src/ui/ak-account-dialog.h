/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account.h"
#include "ak-account-store.h"
#include "ak-cloud-config.h"

G_BEGIN_DECLS

#define AK_TYPE_ACCOUNT_DIALOG (ak_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AkAccountDialog, ak_account_dialog, AK, ACCOUNT_DIALOG, AdwWindow)

AkAccountDialog *ak_account_dialog_new              (GtkWindow       *parent,
                                                     AkAccountStore  *store,
                                                     AkAccount       *account);
AkAccount       *ak_account_dialog_get_account      (AkAccountDialog *self);
AkAccountStore  *ak_account_dialog_get_store        (AkAccountDialog *self);
gboolean         ak_account_dialog_get_busy         (AkAccountDialog *self);
void             ak_account_dialog_require_password (AkAccountDialog *self,
                                                     const char      *reason);
void             ak_account_dialog_fill_from_cloud  (AkAccountDialog *self,
                                                     AkCloudConfig   *cloud);

G_END_DECLS
