namespace ScaleLab.Training;
