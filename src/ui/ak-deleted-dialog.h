/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account-session.h"

G_BEGIN_DECLS

#define AK_TYPE_DELETED_DIALOG (ak_deleted_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AkDeletedDialog, ak_deleted_dialog, AK, DELETED_DIALOG, AdwWindow)

AkDeletedDialog  *ak_deleted_dialog_new         (GtkWindow        *parent,
                                                 AkAccountSession *session);
AkAccountSession *ak_deleted_dialog_get_session (AkDeletedDialog  *self);

G_END_DECLS
