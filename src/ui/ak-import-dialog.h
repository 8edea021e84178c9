/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-cloud-config.h"

G_BEGIN_DECLS

#define AK_TYPE_IMPORT_DIALOG (ak_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AkImportDialog, ak_import_dialog, AK, IMPORT_DIALOG, AdwWindow)

AkImportDialog *ak_import_dialog_new       (GtkWindow      *parent);
void            ak_import_dialog_load_file (AkImportDialog *self,
                                            GFile          *file);

G_END_DECLS
