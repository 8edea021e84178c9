/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_DELETE_DIALOG (ak_delete_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AkDeleteDialog, ak_delete_dialog, AK, DELETE_DIALOG, AdwMessageDialog)

AkDeleteDialog  *ak_delete_dialog_new           (GtkWindow       *parent,
                                                 AkKey           *key,
                                                 gboolean         signs_out);
AkKey           *ak_delete_dialog_get_key       (AkDeleteDialog  *self);
gboolean         ak_delete_dialog_get_signs_out (AkDeleteDialog  *self);

G_END_DECLS
