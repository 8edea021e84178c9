/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account.h"
#include "ak-account-store.h"

G_BEGIN_DECLS

#define AK_TYPE_ACCOUNT_MENU (ak_account_menu_get_type ())

G_DECLARE_FINAL_TYPE (AkAccountMenu, ak_account_menu, AK, ACCOUNT_MENU, GtkWidget)

GtkWidget      *ak_account_menu_new                 (AkAccountStore *store);
AkAccountStore *ak_account_menu_get_store           (AkAccountMenu  *self);
void            ak_account_menu_set_store           (AkAccountMenu  *self,
                                                     AkAccountStore *store);
AkAccount      *ak_account_menu_get_current_account (AkAccountMenu  *self);
void            ak_account_menu_set_current_account (AkAccountMenu  *self,
                                                     AkAccount      *account);
void            ak_account_menu_popup               (AkAccountMenu  *self);
void            ak_account_menu_popdown             (AkAccountMenu  *self);

G_END_DECLS
