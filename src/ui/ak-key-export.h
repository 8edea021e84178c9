/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char  *ak_key_export_default_name (const char          *account_name,
                                   GDateTime           *now);
void   ak_key_export_save_async   (GtkWindow           *parent,
                                   GListModel          *keys,
                                   const char          *account_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
guint  ak_key_export_save_finish  (GAsyncResult        *result,
                                   GError             **error);
void   ak_key_export_write_async  (GFile               *file,
                                   GListModel          *keys,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
guint  ak_key_export_write_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
