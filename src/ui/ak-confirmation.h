/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AK_TYPE_CONFIRMATION (ak_confirmation_get_type ())

G_DECLARE_FINAL_TYPE (AkConfirmation, ak_confirmation, AK, CONFIRMATION, GObject)

AkConfirmation  *ak_confirmation_new                  (const char            *heading,
                                                       const char            *body);
const char      *ak_confirmation_get_heading          (AkConfirmation        *self);
const char      *ak_confirmation_get_body             (AkConfirmation        *self);
void             ak_confirmation_add_response         (AkConfirmation        *self,
                                                       const char            *id,
                                                       const char            *label,
                                                       AdwResponseAppearance  appearance);
void             ak_confirmation_set_extra_child      (AkConfirmation        *self,
                                                       GtkWidget             *child);
const char      *ak_confirmation_get_default_response (AkConfirmation        *self);
void             ak_confirmation_set_default_response (AkConfirmation        *self,
                                                       const char            *id);
const char      *ak_confirmation_get_close_response   (AkConfirmation        *self);
void             ak_confirmation_set_close_response   (AkConfirmation        *self,
                                                       const char            *id);
AdwResponseAppearance
                 ak_confirmation_get_appearance       (AkConfirmation        *self,
                                                       const char            *id);
void             ak_confirmation_set_response_enabled (AkConfirmation        *self,
                                                       const char            *id,
                                                       gboolean               enabled);
gboolean         ak_confirmation_get_response_enabled (AkConfirmation        *self,
                                                       const char            *id);
void             ak_confirmation_choose_async         (AkConfirmation        *self,
                                                       GtkWidget             *parent,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
char            *ak_confirmation_choose_finish        (AkConfirmation        *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
gboolean         ak_confirmation_present              (AkConfirmation        *self);
void             ak_confirmation_close                (AkConfirmation        *self);
GtkWidget       *ak_confirmation_get_dialog           (AkConfirmation        *self);
void             ak_confirmation_respond              (AkConfirmation        *self,
                                                       const char            *id);
AkConfirmation  *ak_confirmation_get_open             (GtkWidget             *parent);

G_END_DECLS
